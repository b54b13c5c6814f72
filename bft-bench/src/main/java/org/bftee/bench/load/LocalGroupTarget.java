package org.bftee.bench.load;

import java.util.HashMap;
import java.util.Map;
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
 * Target {@code local}: a whole BFT-EE group of {@code 3f + 1} replicas started in this process on
 * loopback (real Netty sockets, threads and keys), each load client a {@link BftClient} session of
 * its own client principal. Sessions are kept across runs, so request timestamps only grow; the
 * group and every session stop when the tool ends.
 */
final class LocalGroupTarget implements LoadTargetFactory {

    /** Client principals the group is started with: the most load clients one run may use. */
    static final int CLIENTS_MAX = 256;

    private final LocalGroup group;
    private final BftClientOptions options;
    private final Map<Integer, BftClient> sessions = new HashMap<>();

    LocalGroupTarget(int f, int lanes) {
        this.group = LocalGroup.start(f, CLIENTS_MAX, ProtocolLimits.defaults(), ProtocolTimeouts.defaults(),
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
        this.options = BftClientOptions.defaults().withLanes(lanes);
    }

    static TargetProvider provider() {
        return TargetProvider.of("a BFT-EE group of 3f + 1 replicas started in this process, over Netty on loopback",
                Map.of("local-f", "faults tolerated: 1 (n = 4, the default) or 2 (n = 7)",
                        "local-lanes", "requests one client session may have outstanding (default 64)"),
                options -> new LocalGroupTarget((int) options.number("local-f", 1, 1, 2),
                        (int) options.number("local-lanes", 64, 1, 1024)));
    }

    @Override
    public synchronized LoadTarget open(int clientIndex) throws Exception {
        if (clientIndex >= CLIENTS_MAX) {
            throw new IllegalArgumentException("target local has " + CLIENTS_MAX + " client principals, not "
                    + (clientIndex + 1));
        }
        BftClient session = sessions.get(clientIndex);
        if (session == null) {
            session = group.connectClient(clientIndex, options);
            sessions.put(clientIndex, session);
        }
        BftClient client = session;
        return new LoadTarget() {
            @Override
            public CompletableFuture<byte[]> invoke(byte[] operation, boolean readOnly) {
                return client.invokeAsync(Bytes.wrap(operation), readOnly).thenApply(Bytes::toByteArray);
            }

            @Override
            public void close() {
                // The session outlives the run; the factory closes it with the group.
            }
        };
    }

    @Override
    public void close() {
        group.close();
    }
}
