package org.bftee.runtime.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.PublicIdentity;

/**
 * A replica group as every member and client must agree on it: identity, size, addresses, public
 * keys of replicas and client principals, and the protocol's limits and timeouts.
 * {@link GroupConfigFile} reads and writes it.
 *
 * @param groupId  the group id carried in every frame header, so that frames of another group are refused
 * @param f        faults tolerated; the group has exactly {@code 3f + 1} replicas with ids {@code 0..3f}
 *                 ({@code f = 0}: one replica that tolerates no fault, the unreplicated baseline)
 * @param replicas the replicas in id order
 * @param clients  the client principals allowed to submit requests, in id order
 * @param recovery   when the replicas recover proactively
 * @param durability whether the replicas sync their votes to disk before sending them
 */
public record GroupConfig(
        int groupId,
        int f,
        List<ReplicaEntry> replicas,
        List<ClientEntry> clients,
        ProtocolLimits limits,
        ProtocolTimeouts timeouts,
        RecoveryConfig recovery,
        Durability durability) {

    /** Smallest {@code f}: a group of one replica, which tolerates no fault (a baseline to compare with). */
    public static final int F_MIN = 0;

    /** Largest {@code f} supported: bounds authenticator sizes and every per-replica table. */
    public static final int F_MAX = 10;

    /**
     * Client principal ids start here, so that they never collide with replica ids, whatever
     * {@code f} the group grows to.
     */
    public static final int CLIENT_ID_MIN = 1000;

    /** Largest number of client principals one group file may list. */
    public static final int CLIENTS_MAX = 10_000;

    public record ReplicaEntry(int id, HostPort address, PublicIdentity identity) {
    }

    public record ClientEntry(int id, PublicIdentity identity) {
    }

    /** A group with the default proactive recovery for its {@code f}. */
    public GroupConfig(int groupId, int f, List<ReplicaEntry> replicas, List<ClientEntry> clients,
                       ProtocolLimits limits, ProtocolTimeouts timeouts) {
        this(groupId, f, replicas, clients, limits, timeouts, RecoveryConfig.defaultFor(f));
    }

    /** A group whose replicas keep their votes in memory ({@link Durability#DEFAULT}). */
    public GroupConfig(int groupId, int f, List<ReplicaEntry> replicas, List<ClientEntry> clients,
                       ProtocolLimits limits, ProtocolTimeouts timeouts, RecoveryConfig recovery) {
        this(groupId, f, replicas, clients, limits, timeouts, recovery, Durability.DEFAULT);
    }

    /** This group with {@code mode} for its replicas' votes. */
    public GroupConfig withDurability(Durability mode) {
        return new GroupConfig(groupId, f, replicas, clients, limits, timeouts, recovery, mode);
    }

    public GroupConfig {
        java.util.Objects.requireNonNull(recovery, "recovery");
        java.util.Objects.requireNonNull(durability, "durability");
        if (!recovery.problemsFor(f).isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", recovery.problemsFor(f)));
        }
        replicas = List.copyOf(replicas);
        clients = List.copyOf(clients);
        if (f < F_MIN || f > F_MAX) {
            throw new IllegalArgumentException("f must be in [" + F_MIN + ", " + F_MAX + "], got " + f);
        }
        if (replicas.size() != 3 * f + 1) {
            throw new IllegalArgumentException("a group with f = " + f + " has " + (3 * f + 1)
                    + " replicas, got " + replicas.size());
        }
        Set<HostPort> addresses = new HashSet<>();
        for (int i = 0; i < replicas.size(); i++) {
            ReplicaEntry replica = replicas.get(i);
            if (replica.id() != i) {
                throw new IllegalArgumentException("replica ids must be 0.." + (replicas.size() - 1)
                        + " in order; position " + i + " has id " + replica.id());
            }
            if (!addresses.add(replica.address())) {
                throw new IllegalArgumentException("replica " + i + " shares address " + replica.address()
                        + " with another replica");
            }
        }
        if (clients.size() > CLIENTS_MAX) {
            throw new IllegalArgumentException(clients.size() + " clients, more than " + CLIENTS_MAX);
        }
        Set<Integer> clientIds = new HashSet<>();
        for (ClientEntry client : clients) {
            if (client.id() < CLIENT_ID_MIN) {
                throw new IllegalArgumentException("client id " + client.id() + " is below " + CLIENT_ID_MIN);
            }
            if (!clientIds.add(client.id())) {
                throw new IllegalArgumentException("client id " + client.id() + " appears twice");
            }
        }
    }

    /** The number of replicas, {@code 3f + 1}. */
    public int n() {
        return replicas.size();
    }

    public ReplicaEntry replica(int id) {
        return replicas.get(id);
    }

    public Optional<ClientEntry> client(int id) {
        return clients.stream().filter(client -> client.id() == id).findFirst();
    }
}
