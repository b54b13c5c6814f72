package org.bftee.runtime.client;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.bftee.runtime.net.NettyTransport;

/**
 * Everything a {@link BftClient} runs on ({@link BftClient#connectOn}) when it must not start threads of its own, as inside an
 * application server: the caller owns all three and shuts them down after the sessions that use them.
 *
 * @param transport    the shared Netty transport (its event loops may run on the caller's threads too,
 *                     see {@link NettyTransport#NettyTransport(org.bftee.runtime.net.TransportSettings, Executor)})
 * @param timers       where the session schedules its deadlines and retransmissions; its tasks only
 *                     queue events on the session's owner thread, so the transport's
 *                     {@link NettyTransport#timers()} serve
 * @param ownerThreads runs each session's owner loop as one task that lasts as long as the session
 */
public record ClientThreads(NettyTransport transport, ScheduledExecutorService timers, Executor ownerThreads) {

    public ClientThreads {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(ownerThreads, "ownerThreads");
    }
}
