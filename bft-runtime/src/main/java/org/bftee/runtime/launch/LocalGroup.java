package org.bftee.runtime.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;

import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.service.Service;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.config.Durability;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;

/**
 * A whole replica group in this process, on loopback ports chosen free at start: for tests, the
 * benchmark and demos. Keys are generated in memory (nothing touches the disk). Replicas can be
 * killed and restarted by id; {@link #close()} stops everything that is still running.
 */
public final class LocalGroup implements AutoCloseable {

    /** The first client principal id; clients are {@code FIRST_CLIENT .. FIRST_CLIENT + clients - 1}. */
    public static final int FIRST_CLIENT = GroupConfig.CLIENT_ID_MIN;

    private final GroupConfig group;
    private final List<PrincipalKeys> replicaKeys;
    private final List<PrincipalKeys> clientKeys;
    private final IntFunction<Service> services;
    private final ObjectStoreLimits storeLimits;
    private final ReplicaDriver[] replicas;
    /** Where replica {@code i} writes its checkpoints ({@code replica-i} below it), or null for memory only. */
    private Path stateRoot;
    private final List<BftClient> clients = new ArrayList<>();
    /** One transport and one timer thread for every client session, as a resource adapter shares them. */
    private NettyTransport clientTransport;
    private ScheduledExecutorService clientTimers;

    private LocalGroup(int f, int clientCount, ProtocolLimits limits, ProtocolTimeouts timeouts,
                       IntFunction<Service> services, ObjectStoreLimits storeLimits, Durability durability) {
        LocalPrincipals principals = LocalPrincipals.generate(f, clientCount, limits, timeouts);
        this.group = principals.group().withDurability(durability);
        this.replicaKeys = principals.replicaKeys();
        this.clientKeys = principals.clientKeys();
        this.services = services;
        this.storeLimits = storeLimits;
        this.replicas = new ReplicaDriver[group.n()];
    }

    /** Starts a group of {@code 3f + 1} replicas, each running {@code services.apply(id)}. */
    public static LocalGroup start(int f, int clientCount, ProtocolLimits limits, ProtocolTimeouts timeouts,
                                   IntFunction<Service> services, ObjectStoreLimits storeLimits) {
        return start(f, clientCount, limits, timeouts, services, storeLimits, null);
    }

    /**
     * As above, each replica writing its stable checkpoints to {@code stateRoot/replica-<id>} (null: in
     * memory only) and restoring the newest from there when it starts again.
     */
    public static LocalGroup start(int f, int clientCount, ProtocolLimits limits, ProtocolTimeouts timeouts,
                                   IntFunction<Service> services, ObjectStoreLimits storeLimits, Path stateRoot) {
        return start(f, clientCount, limits, timeouts, services, storeLimits, stateRoot, Durability.DEFAULT);
    }

    /**
     * As above, the group's replicas keeping their votes as {@code durability} says ({@link Durability#SYNCED}
     * needs a {@code stateRoot}: the vote logs are there).
     */
    public static LocalGroup start(int f, int clientCount, ProtocolLimits limits, ProtocolTimeouts timeouts,
                                   IntFunction<Service> services, ObjectStoreLimits storeLimits, Path stateRoot,
                                   Durability durability) {
        LocalGroup local = new LocalGroup(f, clientCount, limits, timeouts, services, storeLimits, durability);
        local.stateRoot = stateRoot;
        try {
            for (int id = 0; id < local.group.n(); id++) {
                local.startReplica(id);
            }
            return local;
        } catch (RuntimeException failed) {
            local.close();
            throw failed;
        }
    }

    public GroupConfig config() {
        return group;
    }

    /**
     * The keys of client {@code index} (0-based, principal {@code FIRST_CLIENT + index}), for tests that
     * connect through their own client stack, such as the resource adapter's from key files.
     */
    public PrincipalKeys clientKeys(int index) {
        return clientKeys.get(index);
    }

    /** The state directory of replica {@code id}, or null when the group keeps its state in memory. */
    public Path stateDirectory(int id) {
        return stateRoot == null ? null : stateRoot.resolve("replica-" + id);
    }

    /**
     * Starts (or restarts) replica {@code id}: with a fresh state, or from the checkpoint in its state
     * directory.
     */
    public void startReplica(int id) {
        if (replicas[id] != null) {
            throw new IllegalStateException("replica " + id + " is running");
        }
        ReplicaDriver driver = new ReplicaDriver(group, id, replicaKeys.get(id), services.apply(id), storeLimits,
                null, stateDirectory(id), storageThread(id));
        replicas[id] = driver;
        driver.start();
    }

    private static java.util.concurrent.ThreadFactory storageThread(int id) {
        return task -> {
            Thread thread = new Thread(task, "bft-replica-" + id + "-storage");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops replica {@code id}, as a crash would: what it held in memory is lost. */
    public void killReplica(int id) {
        ReplicaDriver driver = replicas[id];
        if (driver != null) {
            replicas[id] = null;
            driver.close();
        }
    }

    /** Replica {@code id}, or null if it is not running. */
    public ReplicaDriver replica(int id) {
        return replicas[id];
    }

    /** Opens a session for client {@code index} (0-based); closed with the group. */
    public BftClient connectClient(int index, BftClientOptions options) throws BftClientException.GroupUnreachable {
        NettyTransport transport;
        ScheduledExecutorService timers;
        synchronized (clients) {
            if (clientTransport == null) {
                clientTransport = new NettyTransport(TransportSettings.defaults(
                        WireLimits.forGroup(group.limits(), group.n())));
                clientTimers = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "bft-local-client-timers");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            transport = clientTransport;
            timers = clientTimers;
        }
        BftClient client = BftClient.connect(group, FIRST_CLIENT + index, clientKeys.get(index), options, transport,
                timers);
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(BftClient::close);
            clients.clear();
            if (clientTransport != null) {
                clientTransport.close();
                clientTimers.shutdownNow();
                clientTransport = null;
            }
        }
        for (int id = 0; id < replicas.length; id++) {
            killReplica(id);
        }
    }
}
