package org.bftee.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.config.Durability;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.driver.ReplicaStatus;
import org.bftee.runtime.launch.LocalGroup;

/**
 * Target {@code local}: a whole BFT-EE group of {@code 3f + 1} replicas started in this process on
 * loopback (real Netty sockets, threads and keys), each load client a {@link BftClient} session of
 * its own client principal. Sessions are kept across runs, so request timestamps only grow; the
 * group and every session stop when the tool ends. With {@code --local-durability synced} every replica
 * syncs its votes to a vote log in its state directory before sending them (docs/durability.md); the
 * state directories are under {@code --local-state}, or a temporary directory deleted at the end.
 */
final class LocalGroupTarget extends SessionCache<BftClient> {

    private static final System.Logger LOG = System.getLogger(LocalGroupTarget.class.getName());


    /** Client principals the group is started with: the most load clients one run may use. */
    static final int CLIENTS_MAX = 128;

    private final LocalGroup group;
    private final BftClientOptions options;
    /** A state root this target created and deletes at the end, or null. */
    private final Path temporaryStateRoot;

    LocalGroupTarget(int f, int lanes, Durability durability, Path stateRoot) throws IOException {
        super("local", CLIENTS_MAX);
        this.temporaryStateRoot = stateRoot == null && durability == Durability.SYNCED
                ? Files.createTempDirectory("bft-bench-state") : null;
        this.group = LocalGroup.start(f, CLIENTS_MAX, ProtocolLimits.defaults(), ProtocolTimeouts.defaults(),
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults(),
                stateRoot != null ? stateRoot : temporaryStateRoot, durability);
        this.options = BftClientOptions.defaults().withLanes(lanes);
    }

    static TargetProvider provider() {
        return TargetProvider.of("a BFT-EE group of 3f + 1 replicas started in this process, over Netty on loopback",
                Map.of("local-f", "faults tolerated: 1 (n = 4, the default) or 2 (n = 7)",
                        "local-lanes", "requests one client session may have outstanding (default 64)",
                        "local-durability", "memory (the default) or synced: votes synced to disk before they are sent",
                        "local-state", "where the replicas' state directories go (default: none in memory mode,"
                                + " a temporary directory when synced)"),
                options -> new LocalGroupTarget((int) options.number("local-f", 1, 1, 2),
                        (int) options.number("local-lanes", 64, 1, 1024),
                        durability(options.text("local-durability", Durability.DEFAULT.configName())),
                        options.text("local-state").map(Path::of).orElse(null)));
    }

    private static Durability durability(String name) {
        try {
            return Durability.named(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--local-durability: " + e.getMessage());
        }
    }

    @Override
    BftClient connect(int clientIndex) throws Exception {
        return group.connectClient(clientIndex, options);
    }

    @Override
    CompletableFuture<byte[]> invoke(BftClient session, byte[] operation, boolean readOnly) {
        return session.invokeAsync(Bytes.wrap(operation), readOnly).thenApply(Bytes::toByteArray);
    }

    @Override
    void closeShared() {
        for (int id = 0; id < group.config().n(); id++) {
            ReplicaDriver replica = group.replica(id);
            if (replica != null && group.config().durability() == Durability.SYNCED) {
                // Requests per sync is what the group commit achieved: the figure that sets the cost of the mode.
                ReplicaStatus status = replica.status();
                LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "local: replica %d executed %,d"
                        + " requests with %,d vote log syncs (%.1f requests per sync), %,d bytes logged, %d compactions", id,
                        status.requestsExecuted(), status.voteLog().syncs(),
                        status.requestsExecuted() / (double) Math.max(1, status.voteLog().syncs()),
                        status.voteLog().bytesLogged(), status.voteLog().compactions()));
            }
        }
        group.close();
        if (temporaryStateRoot != null) {
            try (Stream<Path> files = Files.walk(temporaryStateRoot)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "local: could not delete " + temporaryStateRoot + ": " + e);
            }
        }
    }
}
