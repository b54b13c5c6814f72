package org.bftee.bench.load;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.baseline.UnreplicatedClient;
import org.bftee.runtime.launch.LocalBaseline;

/**
 * Target {@code unreplicated}: the n = 1 baseline, one {@code UnreplicatedServer} in this process
 * running the same key-value service, store, frames and MACs as a replica, without agreement.
 * Figures of a replicated target are read as ratios to it, measured in the same script.
 */
final class LocalBaselineTarget extends SessionCache<UnreplicatedClient> {

    private final LocalBaseline baseline;
    private final int lanes;

    LocalBaselineTarget(int lanes) {
        super("unreplicated", LocalGroupTarget.CLIENTS_MAX);
        this.baseline = LocalBaseline.start(LocalGroupTarget.CLIENTS_MAX, new KvService(KvLimits.defaults()),
                ObjectStoreLimits.defaults());
        this.lanes = lanes;
    }

    static TargetProvider provider() {
        return TargetProvider.of("the unreplicated baseline (n = 1): one server in this process, no agreement",
                Map.of("unreplicated-lanes", "requests one client session may have outstanding (default 64)"),
                options -> new LocalBaselineTarget((int) options.number("unreplicated-lanes", 64, 1, 1024)));
    }

    @Override
    UnreplicatedClient connect(int clientIndex) throws Exception {
        return baseline.connectClient(clientIndex, lanes);
    }

    @Override
    CompletableFuture<byte[]> invoke(UnreplicatedClient session, byte[] operation, boolean readOnly) {
        return session.invokeAsync(Bytes.wrap(operation), readOnly).thenApply(Bytes::toByteArray);
    }

    @Override
    void closeShared() {
        baseline.close();
    }
}
