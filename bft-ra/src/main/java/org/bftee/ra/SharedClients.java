package org.bftee.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.IllegalStateException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.bftee.core.codec.WireLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.client.ClientThreads;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;
import org.bftee.ra.api.BftGroupUnreachableException;

/**
 * The client sessions of the resource adapter: one {@link BftClient} (with its transport) per
 * connection factory configuration, shared by all the managed connections of that configuration.
 *
 * <p>Why one and not one per managed connection: the client principal's lanes each have a
 * timestamp sequence and a reply cache entry at the replicas, so two sessions of one principal
 * would collide on them. The session has {@code sessionPoolSize} lanes, and each managed connection
 * holds a {@link Lease} on it; the last lease to go closes it. {@link #closeAll()} (the adapter's
 * {@code stop()}) closes every session, leases or not, and refuses new ones.
 *
 * <p>Threads: with an executor (the container's WorkManager), the transport's event loops and each
 * session's owner loop run as its tasks and the transport's loops serve as timers; without one
 * (outside a container) the runtime starts its own threads.
 */
final class SharedClients {

    /** How long opening a session waits for keys to be exchanged with {@code 2f + 1} replicas. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Calls that wait for a free lane at most; beyond it a call is refused at once. */
    static final int QUEUED_CALLS_MAX = 1_024;
    /** Event loops of one session's transport: a client has only {@code n} connections. */
    static final int IO_THREADS = 2;

    private static final System.Logger LOG = System.getLogger(SharedClients.class.getName());

    private final Executor threads;
    private final Executor callbacks;
    private final Map<BftConnectionConfig, Shared> sessions = new HashMap<>();
    private boolean closed;

    /**
     * @param threads   the container's threads for the runtime's loops, or {@code null} for the runtime's own
     * @param callbacks where the results of calls are handed to the application, off the session's
     *                  owner thread (see {@link GroupClientSession})
     */
    SharedClients(Executor threads, Executor callbacks) {
        this.threads = threads;
        this.callbacks = callbacks;
    }

    /**
     * Returns a lease on the session of {@code config}, opening it if there is none. Opening reads
     * the files and waits for the group (at most {@link #CONNECT_TIMEOUT}) while holding this
     * registry's lock, so that two managed connections never open two sessions of one principal.
     *
     * @throws ResourceException if the files are invalid, the group is unreachable or the adapter stopped
     */
    synchronized Lease acquire(BftConnectionConfig config) throws ResourceException {
        if (closed) {
            throw new IllegalStateException("the BFT resource adapter is stopped; no new connections");
        }
        Shared shared = sessions.get(config);
        if (shared == null) {
            shared = open(config);
            sessions.put(config, shared);
        }
        shared.leases++;
        return new Lease(this, shared);
    }

    /** Closes every session and refuses new ones; idempotent. */
    void closeAll() {
        List<Shared> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        open.forEach(Shared::close);
    }

    /** @return how many sessions are open, for tests */
    synchronized int openSessions() {
        return sessions.size();
    }

    private void release(Shared shared) {
        boolean last;
        synchronized (this) {
            shared.leases--;
            last = shared.leases == 0 && sessions.remove(shared.config, shared);
        }
        if (last) {
            shared.close();
        }
    }

    private Shared open(BftConnectionConfig config) throws ResourceException {
        GroupFiles.ClientIdentity identity = GroupFiles.load(config);
        GroupConfig group = identity.group();
        TransportSettings settings = TransportSettings.defaults(WireLimits.forGroup(group.limits(), group.n()))
                .withIoThreads(IO_THREADS);
        NettyTransport transport = threads == null ? new NettyTransport(settings) : new NettyTransport(settings, threads);
        BftClientOptions options = new BftClientOptions(config.sessionPoolSize(), QUEUED_CALLS_MAX,
                config.invokeTimeout(), CONNECT_TIMEOUT);
        try {
            BftClient client = threads == null
                    ? BftClient.connect(group, identity.clientId(), identity.keys(), options, transport, transport.timers())
                    : BftClient.connectOn(new ClientThreads(transport, transport.timers(), threads), group,
                            identity.clientId(), identity.keys(), options);
            LOG.log(Level.INFO, "BFT client {0} connected to the group of {1} with {2} lanes", identity.clientId(),
                    config.groupFile(), config.sessionPoolSize());
            return new Shared(config, client, transport, group.limits().requestBytesMax());
        } catch (BftClientException.GroupUnreachable unreachable) {
            transport.close();
            throw new BftGroupUnreachableException("cannot open a session with the replica group of "
                    + config.groupFile() + ": " + unreachable.getMessage(), unreachable);
        } catch (RuntimeException failed) {
            transport.close();
            throw failed;
        }
    }

    /** One open session and how many managed connections use it. */
    private static final class Shared {

        final BftConnectionConfig config;
        final BftClient client;
        final NettyTransport transport;
        final int requestBytesMax;
        int leases;

        Shared(BftConnectionConfig config, BftClient client, NettyTransport transport, int requestBytesMax) {
            this.config = config;
            this.client = client;
            this.transport = transport;
            this.requestBytesMax = requestBytesMax;
        }

        void close() {
            client.close();
            transport.close();
            LOG.log(Level.INFO, "BFT client {0} closed its session with the group of {1}", client.id(),
                    config.groupFile());
        }
    }

    /** A managed connection's use of a shared session; {@link #release()} once, later calls do nothing. */
    static final class Lease {

        private final SharedClients owner;
        private final Shared shared;
        private boolean released;

        private Lease(SharedClients owner, Shared shared) {
            this.owner = owner;
            this.shared = shared;
        }

        BftClient client() {
            return shared.client;
        }

        /** @return the largest operation (or transaction envelope) the group accepts, in bytes */
        int requestBytesMax() {
            return shared.requestBytesMax;
        }

        /** @return where results are handed to the application */
        Executor callbacks() {
            return owner.callbacks;
        }

        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            owner.release(shared);
        }
    }
}
