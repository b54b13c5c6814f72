package org.bftee.runtime.launch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.service.Service;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.baseline.UnreplicatedClient;
import org.bftee.runtime.baseline.UnreplicatedServer;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;

/**
 * The unreplicated baseline in this process, for the benchmark: one {@link UnreplicatedServer}
 * on a free loopback port and clients of its own principals. Closing it stops everything.
 */
public final class LocalBaseline implements AutoCloseable {

    private final LocalPrincipals principals;
    private final UnreplicatedServer server;
    private final NettyTransport clientTransport;
    private final ScheduledExecutorService clientTimers;

    private LocalBaseline(int clients, Service service, ObjectStoreLimits storeLimits) {
        this.principals = LocalPrincipals.generate(1, clients, ProtocolLimits.defaults(), ProtocolTimeouts.defaults());
        this.server = new UnreplicatedServer(principals.group(), principals.replicaKeys().get(0), service, storeLimits);
        this.clientTransport = new NettyTransport(TransportSettings.defaults(
                WireLimits.forGroup(principals.group().limits(), principals.group().n())));
        this.clientTimers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bft-baseline-client-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static LocalBaseline start(int clients, Service service, ObjectStoreLimits storeLimits) {
        LocalBaseline baseline = new LocalBaseline(clients, service, storeLimits);
        baseline.server.start();
        return baseline;
    }

    /** A client session for client principal {@code index}; the caller closes it. */
    public UnreplicatedClient connectClient(int index, int lanes) throws BftClientException.GroupUnreachable {
        return new UnreplicatedClient(principals.group(), LocalGroup.FIRST_CLIENT + index,
                principals.clientKeys().get(index), lanes, Duration.ofSeconds(10), clientTransport, clientTimers);
    }

    @Override
    public void close() {
        clientTransport.close();
        clientTimers.shutdownNow();
        server.close();
    }
}
