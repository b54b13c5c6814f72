package org.bftee.bench.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.launch.LocalGroup;

/**
 * Bytes allocated per 0/0 request at the replicas: starts a group of four in this process, warms
 * it up, then runs a fixed number of 0/0 operations and reads the JVM's per-thread allocation
 * counters: of each replica's thread ({@code bft-replica-N…}, its protocol and its sockets), and of
 * every thread of the process, the client's and the probe's included.
 *
 * <pre>java -cp bft-bench/target/benchmarks.jar org.bftee.bench.load.AllocationProbe [operations]</pre>
 */
public final class AllocationProbe {

    private AllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Bytes nullOperation = Bytes.wrap(Workloads.named("0/0").orElseThrow().operations().forClient(0).next().bytes());
        try (LocalGroup group = LocalGroup.start(1, 1, ProtocolLimits.defaults(), ProtocolTimeouts.defaults(),
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults())) {
            BftClient client = group.connectClient(0, BftClientOptions.defaults().withLanes(16));
            run(client, nullOperation, operations / 2);
            long[] before = allocated(threads);
            run(client, nullOperation, operations);
            long[] after = allocated(threads);
            long replicas = after[0] - before[0];
            long all = after[1] - before[1];
            System.out.printf("%d operations 0/0, 16 lanes, n = 4: %,d bytes per operation per replica (average of 4),"
                    + " %,d bytes per operation in the whole process%n", operations, replicas / 4 / operations,
                    all / operations);
        }
    }

    private static void run(BftClient client, Bytes operation, int count) throws Exception {
        List<CompletableFuture<Bytes>> window = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            window.add(client.invokeAsync(operation, false));
            if (window.size() == 64) {
                for (CompletableFuture<Bytes> call : window) {
                    call.get();
                }
                window.clear();
            }
        }
        for (CompletableFuture<Bytes> call : window) {
            call.get();
        }
    }

    /** Allocated bytes so far: [replica threads, all threads alive at both readings]. */
    private static long[] allocated(com.sun.management.ThreadMXBean threads) {
        long[] sums = new long[2];
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            long bytes = threads.getThreadAllocatedBytes(thread.getId());
            if (bytes < 0) {
                continue;
            }
            if (name.startsWith("bft-replica-")) {
                sums[0] += bytes;
            }
            sums[1] += bytes;
        }
        return sums;
    }
}
