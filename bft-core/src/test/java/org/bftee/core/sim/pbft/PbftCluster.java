package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.replica.DropReason;
import org.bftee.core.replica.PlantedBug;
import org.bftee.core.replica.Replica;
import org.bftee.core.sim.NetworkConditions;
import org.bftee.core.sim.SimHost;
import org.bftee.core.sim.Simulation;
import org.bftee.core.sim.check.Violation;

/**
 * A simulated PBFT group: {@code 3f + 1} {@link SimReplica}s and some correct {@link SimClient}s on
 * one {@link Simulation}, all reporting to one {@link RunCheckers}. Principal ids: replicas
 * {@code 0..3f}, correct clients from {@link SimSettings#FIRST_CLIENT}, then the extra principals a
 * scenario reserves for Byzantine clients (their nodes are the scenario's to start).
 */
final class PbftCluster {

    private final Simulation sim;
    private final int f;
    private final RunCheckers checkers;
    private final List<SimReplica> replicas = new ArrayList<>();
    private final List<SimDisk> disks = new ArrayList<>();
    private final List<SimClient> clients = new ArrayList<>();
    private final List<Integer> extraPrincipals = new ArrayList<>();
    private final Builder builder;

    private PbftCluster(Builder builder) {
        this.builder = builder;
        this.f = builder.f;
        int n = 3 * f + 1;
        Integer[] principals = new Integer[builder.clients + builder.extraPrincipals];
        for (int i = 0; i < principals.length; i++) {
            principals[i] = SimSettings.FIRST_CLIENT + i;
        }
        this.sim = Simulation.builder(builder.seed).f(f).clients(principals)
                .wireLimits(WireLimits.forGroup(SimSettings.LIMITS, n)).conditions(builder.conditions).build();
        this.checkers = new RunCheckers(builder.faulty, builder.livenessBoundMillis);
        for (int replica = 0; replica < n; replica++) {
            PlantedBug bug = builder.bugFree.contains(replica) ? PlantedBug.NONE : builder.plantedBug;
            SimDisk disk = new SimDisk(builder.durable);
            disks.add(disk);
            replicas.add(sim.start(replica, context -> new SimReplica(context, f, bug, builder.timeouts, checkers,
                    disk, false)));
        }
        for (int i = 0; i < builder.clients; i++) {
            clients.add(sim.start(principals[i], context -> new SimClient(context, sim, f, builder.lanes, checkers)));
        }
        for (int i = builder.clients; i < principals.length; i++) {
            extraPrincipals.add(principals[i]);
        }
    }

    static Builder builder(long seed) {
        return new Builder(seed);
    }

    Simulation sim() {
        return sim;
    }

    int f() {
        return f;
    }

    int n() {
        return replicas.size();
    }

    RunCheckers checkers() {
        return checkers;
    }

    SimReplica replica(int id) {
        return replicas.get(id);
    }

    /** Crashes replica {@code id}: it receives nothing and its timers stop until {@link #restartReplica}. */
    void crashReplica(int id) {
        sim.host(id).crash();
    }

    /**
     * Restarts crashed replica {@code id} as a new process with nothing in memory: it must learn the
     * view and fetch the state from the others. With {@code fromDisk} it first loads the last stable
     * checkpoint it wrote (unless that is corrupt) and fetches only what changed since.
     */
    void restartReplica(int id, boolean fromDisk) {
        PlantedBug bug = builder.bugFree.contains(id) ? PlantedBug.NONE : builder.plantedBug;
        SimDisk disk = fromDisk ? disks.get(id) : new SimDisk(builder.durable);
        disks.set(id, disk);
        replicas.set(id, sim.restart(id, context -> new SimReplica(context, f, bug, builder.timeouts, checkers,
                disk, fromDisk)));
    }

    /** Replica {@code id}'s stable storage. */
    SimDisk disk(int id) {
        return disks.get(id);
    }

    SimHost host(int principal) {
        return sim.host(principal);
    }

    List<SimClient> clients() {
        return List.copyOf(clients);
    }

    SimClient client(int index) {
        return clients.get(index);
    }

    /** The principal ids reserved for Byzantine clients. */
    List<Integer> extraPrincipals() {
        return List.copyOf(extraPrincipals);
    }

    /** Every correct client runs its workload from {@code startMillis} until {@code endMillis}. */
    void runWorkload(long startMillis, long endMillis, long pauseMaxMillis) {
        clients.forEach(client -> client.runWorkload(startMillis, endMillis, pauseMaxMillis));
    }

    /** At {@code timeMillis}, {@code heal} removes the faults and the liveness checker starts its clock. */
    void faultsStopAt(long timeMillis, Runnable heal) {
        sim.at(timeMillis, () -> {
            heal.run();
            sim.network().conditions(NetworkConditions.perfect());
            checkers.faultsStopped(sim.nowMillis());
        });
    }

    /** Runs until {@code workloadEndMillis} has passed and every correct client is idle, or until {@code limitMillis}. */
    boolean runUntilClientsIdle(long workloadEndMillis, long limitMillis) {
        return sim.runUntil(() -> sim.nowMillis() >= workloadEndMillis && clients.stream().allMatch(SimClient::isIdle),
                limitMillis);
    }

    void verifySafety() {
        checkers.verifySafety();
    }

    void verifyLiveness() {
        try {
            checkers.verifyLiveness(sim.nowMillis());
        } catch (Violation violation) {
            throw new Violation(violation.getMessage() + " | replicas: " + replicaStates());
        }
    }

    /**
     * The replicas whose last committed sequence number is below the highest low water mark in
     * the group: the log they need was discarded by the others, and only state transfer could
     * bring them back.
     */
    Set<Integer> strandedReplicas() {
        long stable = 0;
        for (SimReplica node : replicas) {
            stable = Math.max(stable, node.replica().lowWaterMark());
        }
        Set<Integer> stranded = new TreeSet<>();
        for (SimReplica node : replicas) {
            if (node.replica().lastCommitted() < stable) {
                stranded.add(node.replica().id());
            }
        }
        return stranded;
    }

    /** Each replica's execution point and water mark, and the drops it counted, for a failure message. */
    String replicaStates() {
        StringBuilder text = new StringBuilder();
        for (SimReplica node : replicas) {
            Replica replica = node.replica();
            text.append(text.length() == 0 ? "" : "; ").append(replica.id()).append(": executed ")
                    .append(replica.lastExecuted()).append(", committed ").append(replica.lastCommitted())
                    .append(", h ").append(replica.lowWaterMark()).append(", view ").append(replica.view())
                    .append(replica.isViewActive() ? "" : " (changing)")
                    .append(replica.isRecovering() ? ", recovering" : "")
                    .append(replica.awaitsStateTransfer() ? ", fetching " + replica.fetchTarget() : "");
            for (DropReason reason : DropReason.values()) {
                long dropped = replica.counters().dropped(reason);
                if (dropped > 0) {
                    text.append(", ").append(reason).append(' ').append(dropped);
                }
            }
        }
        return text.toString();
    }

    /** The settings of a cluster; everything has a default but the seed. */
    static final class Builder {
        private final long seed;
        private int f = 1;
        private int clients = 2;
        private int lanes = 2;
        private int extraPrincipals;
        private PlantedBug plantedBug = PlantedBug.NONE;
        private Set<Integer> bugFree = Set.of();
        private Set<Integer> faulty = Set.of();
        private NetworkConditions conditions = NetworkConditions.perfect();
        private long livenessBoundMillis = Families.LIVENESS_BOUND_MILLIS;
        private ProtocolTimeouts timeouts = SimSettings.TIMEOUTS;
        private boolean durable;

        private Builder(long seed) {
            this.seed = seed;
        }

        Builder f(int value) {
            this.f = value;
            return this;
        }

        /** Correct clients running {@link SimClient}. Default 2. */
        Builder clients(int value) {
            this.clients = value;
            return this;
        }

        /** Lanes per correct client. Default 2. */
        Builder lanes(int value) {
            this.lanes = value;
            return this;
        }

        /** Principal ids to reserve for Byzantine clients. Default 0. */
        Builder extraPrincipals(int value) {
            this.extraPrincipals = value;
            return this;
        }

        /** Plants {@code bug} in every replica but those in {@code except} (the Byzantine ones). */
        Builder plantedBug(PlantedBug bug, Set<Integer> except) {
            this.plantedBug = bug;
            this.bugFree = Set.copyOf(except);
            return this;
        }

        /** Replicas whose observations the checkers ignore. Default none: every replica runs the real code. */
        Builder faulty(Set<Integer> replicas) {
            this.faulty = Set.copyOf(replicas);
            return this;
        }

        Builder conditions(NetworkConditions value) {
            this.conditions = value;
            return this;
        }

        Builder livenessBoundMillis(long value) {
            this.livenessBoundMillis = value;
            return this;
        }

        /** The replicas' view-change timeout. Default {@link SimSettings#TIMEOUTS}' (longer than most runs). */
        Builder viewChangeTimeoutMillis(long value) {
            ProtocolTimeouts base = SimSettings.TIMEOUTS;
            this.timeouts = new ProtocolTimeouts(java.time.Duration.ofMillis(value), base.status(),
                    base.clientRetransmit(), base.clientRetransmitMax(), base.keyRefresh());
            return this;
        }

        /** Replicas log their votes to their disks ({@link SimDisk}) and restart from them. */
        Builder durable(boolean value) {
            this.durable = value;
            return this;
        }

        PbftCluster build() {
            return new PbftCluster(this);
        }
    }
}
