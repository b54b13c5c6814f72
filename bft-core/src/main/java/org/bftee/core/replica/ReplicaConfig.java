package org.bftee.core.replica;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.config.RobustnessLimits;
import org.bftee.core.protocol.Quorums;

/**
 * What one replica needs to know about itself and its group.
 *
 * @param id                   this replica's id, {@code 0..n-1}
 * @param quorums              the group's {@code f} and the quorum sizes
 * @param limits               the group's named limits
 * @param timeouts             the group's timers
 * @param clients              the group's client principal ids, ascending: each of their lanes has an
 *                             entry in the reply cache, which is part of the checkpointed state
 * @param clockSkewMaxMillis   how far the time a primary proposes may be from this replica's clock
 *                             before a backup refuses to prepare the batch
 * @param pendingRequestsMax   requests the primary queues while its batches in flight are at their
 *                             maximum; beyond it new requests are dropped (clients retransmit)
 * @param storedRequestsMax    requests received directly from clients that a replica keeps until they
 *                             execute (the bodies of large requests, and requests to forward)
 * @param plantedBug           {@link PlantedBug#NONE} except in tests that prove the checkers work
 * @param robustness           the bounds of the defences against faulty clients and a slow primary
 */
public record ReplicaConfig(
        int id,
        Quorums quorums,
        ProtocolLimits limits,
        ProtocolTimeouts timeouts,
        List<Integer> clients,
        long clockSkewMaxMillis,
        int pendingRequestsMax,
        int storedRequestsMax,
        PlantedBug plantedBug,
        RobustnessLimits robustness) {

    public ReplicaConfig {
        Objects.requireNonNull(quorums, "quorums");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(plantedBug, "plantedBug");
        Objects.requireNonNull(robustness, "robustness");
        clients = clients.stream().sorted().distinct().toList();
        if (id < 0 || id >= quorums.n()) {
            throw new IllegalArgumentException("replica id " + id + " outside 0.." + (quorums.n() - 1));
        }
        if (clockSkewMaxMillis <= 0 || pendingRequestsMax <= 0 || storedRequestsMax <= 0) {
            throw new IllegalArgumentException("clock skew, pending and stored request maxima must be positive");
        }
    }

    /** Defaults for a replica of a group: 5 s clock skew, room for 16 full batches of pending requests. */
    public static ReplicaConfig of(int id, int f, ProtocolLimits limits, ProtocolTimeouts timeouts,
                                   Collection<Integer> clients) {
        return new ReplicaConfig(id, new Quorums(f), limits, timeouts, List.copyOf(clients), 5_000,
                16 * limits.batchRequestsMax(), 64 * limits.batchRequestsMax(), PlantedBug.NONE,
                RobustnessLimits.defaults(timeouts));
    }

    /** This configuration with {@code bug} planted: for tests of the simulator's checkers only. */
    public ReplicaConfig withPlantedBug(PlantedBug bug) {
        return new ReplicaConfig(id, quorums, limits, timeouts, clients, clockSkewMaxMillis, pendingRequestsMax,
                storedRequestsMax, bug, robustness);
    }

    /** This configuration with other robustness bounds. */
    public ReplicaConfig withRobustness(RobustnessLimits value) {
        return new ReplicaConfig(id, quorums, limits, timeouts, clients, clockSkewMaxMillis, pendingRequestsMax,
                storedRequestsMax, plantedBug, value);
    }

    public int n() {
        return quorums.n();
    }

    /**
     * The objects the replica keeps for itself at the end of its object store (see
     * {@code ReplyCache}): the store must be built with this many library objects.
     */
    public int libraryObjects() {
        return ReplyCache.libraryObjects(clients.size(), limits.lanesPerClientMax());
    }
}
