package org.bftee.bench.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.driver.ReplicaStatus;
import org.bftee.runtime.launch.LocalGroup;

/**
 * A group of four replicas in this process ({@link LocalGroup}, f = 1, real sockets on loopback,
 * checkpoints written under a state directory), running {@link SizedObjectService} over
 * {@code objectCount} objects of {@code objectBytes}, with the default protocol limits and timeouts,
 * and the steps the benchmarks share: fill the state, move the group to a stable checkpoint, wait
 * for a replica to write it.
 */
final class BenchGroup implements AutoCloseable {

    /** Objects one fill operation writes at most: about 1 MiB a request. */
    private static final int FILL_BYTES_PER_OPERATION = 1024 * 1024;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    final LocalGroup local;
    final int objectCount;
    final int objectBytes;
    final Path stateRoot;
    /** The session the benchmark writes through (one lane; more sessions for load are opened apart). */
    private final BftClient writer;

    private BenchGroup(LocalGroup local, int objectCount, int objectBytes, Path stateRoot)
            throws BftClientException.GroupUnreachable {
        this.local = local;
        this.objectCount = objectCount;
        this.objectBytes = objectBytes;
        this.stateRoot = stateRoot;
        this.writer = local.connectClient(0, BftClientOptions.defaults().withCallTimeout(Duration.ofMinutes(2)));
    }

    /** Starts the group with an empty state directory under {@code stateRoot}; {@code clients} principals. */
    static BenchGroup start(long stateBytes, int objectBytes, Path stateRoot, int clients)
            throws IOException, BftClientException.GroupUnreachable {
        int objectCount = Math.toIntExact(Math.max(1, stateBytes / objectBytes));
        deleteTree(stateRoot);
        Files.createDirectories(stateRoot);
        ProtocolLimits limits = ProtocolLimits.defaults();
        ObjectStoreLimits store = new ObjectStoreLimits(objectCount, objectBytes,
                ObjectStoreLimits.checkpointsRetainedFor(limits));
        LocalGroup local = LocalGroup.start(1, clients, limits, ProtocolTimeouts.defaults(),
                replica -> new SizedObjectService(), store, stateRoot);
        try {
            return new BenchGroup(local, objectCount, objectBytes, stateRoot);
        } catch (BftClientException.GroupUnreachable | RuntimeException failed) {
            local.close();
            throw failed;
        }
    }

    /** Writes every object once, about 1 MiB a request, one request at a time. */
    void fill(long seed) throws BftClientException, InterruptedException {
        int perOperation = Math.max(1, FILL_BYTES_PER_OPERATION / objectBytes);
        for (int first = 0; first < objectCount; first += perOperation) {
            invoke(SizedObjectService.write(first, 1, Math.min(perOperation, objectCount - first), objectBytes, seed));
        }
    }

    /**
     * Rewrites {@code count} objects spread evenly over the state (every {@code objectCount / count}-th,
     * from {@code offset}), each with a new value; returns the bytes written.
     */
    long change(int count, int offset, long seed) throws BftClientException, InterruptedException {
        int stride = Math.max(1, objectCount / count);
        int perOperation = Math.max(1, FILL_BYTES_PER_OPERATION / objectBytes);
        for (int done = 0; done < count; done += perOperation) {
            int first = (int) ((offset + (long) done * stride) % objectCount);
            invoke(SizedObjectService.write(first, stride, Math.min(perOperation, count - done), objectBytes, seed));
        }
        return (long) count * objectBytes;
    }

    /**
     * Orders operations that write nothing until replica {@code observer}'s stable checkpoint is at
     * or above {@code sequence}, and returns that checkpoint.
     */
    long stableCheckpointAtLeast(long sequence, int observer) throws BftClientException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (local.replica(observer).status().lowWaterMark() < sequence) {
            requireBefore(deadline, "no stable checkpoint at or above " + sequence);
            invoke(SizedObjectService.nothing());
        }
        return local.replica(observer).status().lowWaterMark();
    }

    /**
     * Waits until replica {@code id} wrote a checkpoint at or above the group's stable one (replica
     * {@code observer}'s), ordering another checkpoint's worth of empty operations whenever the disk
     * skipped one; returns the checkpoint written.
     */
    long awaitWritten(int id, int observer) throws BftClientException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            long stable = local.replica(observer).status().lowWaterMark();
            if (await(() -> local.replica(id).lastCheckpointWritten() >= stable, Duration.ofSeconds(20))) {
                return local.replica(id).lastCheckpointWritten();
            }
            requireBefore(deadline, "replica " + id + " wrote no checkpoint at or above " + stable);
            stableCheckpointAtLeast(stable + 1, observer);
        }
    }

    /** Highest sequence number any running replica executed. */
    long lastExecuted() {
        long last = 0;
        for (int id = 0; id < local.config().n(); id++) {
            if (local.replica(id) != null) {
                last = Math.max(last, local.replica(id).status().lastExecuted());
            }
        }
        return last;
    }

    ReplicaStatus status(int id) {
        return local.replica(id).status();
    }

    private void invoke(Bytes operation) throws BftClientException, InterruptedException {
        writer.invoke(operation, false);
    }

    /** Polls {@code condition} every 5 ms for at most {@code patience}; whether it held. */
    static boolean await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }

    private static void requireBefore(long deadline, String problem) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(problem + " within " + PATIENCE.toMinutes() + " minutes");
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close() throws IOException {
        local.close();
        deleteTree(stateRoot);
    }
}
