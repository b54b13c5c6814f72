package org.bftee.core.sim.pbft;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.replica.PlantedBug;
import org.bftee.core.sim.NetworkConditions;
import org.bftee.core.sim.Partition;
import org.bftee.core.sim.Seeds;

/**
 * Scenario families for state transfer, with the shape and checks of {@link Families}, plus one:
 * after the run every correct replica that fell behind the group's stable checkpoint must have
 * fetched it ({@link Families#CATCH_UP_MAX_MILLIS}), and every checkpoint a replica installed must
 * be the one the correct replicas took (the agreement checker compares their digests).
 */
final class StateTransferFamilies {

    private StateTransferFamilies() {
    }

    /**
     * Up to {@code f} backups are cut off from everyone for most of the run, while the others
     * execute far past their window and discard the checkpoints in between; after the heal they
     * must catch up by state transfer, from the newest checkpoint the group holds.
     */
    static Families.Outcome laggingReplicas(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of())
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        List<Integer> victims = Families.someBackups(scenario, cluster.n(), 1 + scenario.nextInt(f));
        long start = scenario.nextLong(100);
        long heal = Families.FAULTS_STOP_MILLIS - scenario.nextLong(150);
        cluster.sim().network().partition(new Partition(new HashSet<>(victims), start, heal));
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return Families.runToEnd(cluster, true, Set.of(), Families.LIVENESS_BOUND_MILLIS, false, true);
    }

    /**
     * Up to {@code f} backups crash at random times and restart later as new processes with
     * nothing in memory: each must fetch the whole state it lacks. Some restart while the group is
     * still far ahead, some crash again.
     */
    static Families.Outcome crashAndRestart(long seed, int f, PlantedBug bug) {
        return crashAndRestart(seed, f, bug, false, false);
    }

    /**
     * As {@link #crashAndRestart(long, int, PlantedBug)}, but each restart first loads the last
     * stable checkpoint the replica wrote to its disk and fetches only what changed after it; on
     * one seed in three a byte of the disk is flipped before the restart, the loaded state fails its
     * digest, and the replica must fetch everything.
     */
    static Families.Outcome restartFromDisk(long seed, int f, PlantedBug bug) {
        return crashAndRestart(seed, f, bug, true, Seeds.stream(seed, "corruption").nextInt(3) == 0);
    }

    private static Families.Outcome crashAndRestart(long seed, int f, PlantedBug bug, boolean fromDisk,
                                                    boolean corruptDisk) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of())
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        List<Integer> victims = Families.someBackups(scenario, cluster.n(), 1 + scenario.nextInt(f));
        for (int victim : victims) {
            long crash = scenario.nextLong(300);
            int restarts = 1 + scenario.nextInt(2);
            for (int i = 0; i < restarts; i++) {
                long restart = Math.min(Families.FAULTS_STOP_MILLIS - 10, crash + 20 + scenario.nextLong(250));
                long at = crash;
                cluster.sim().at(at, () -> cluster.crashReplica(victim));
                long salt = scenario.nextLong();
                cluster.sim().at(restart, () -> {
                    if (corruptDisk) {
                        cluster.disk(victim).corrupt(salt);
                    }
                    cluster.restartReplica(victim, fromDisk);
                });
                crash = restart + 1 + scenario.nextLong(100);
                if (crash >= Families.FAULTS_STOP_MILLIS - 30) {
                    break;
                }
            }
        }
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return Families.runToEnd(cluster, true, Set.of(), Families.LIVENESS_BOUND_MILLIS, false, true);
    }

    /**
     * One backup lies in state transfer for the whole run (it votes correctly, so the group keeps
     * its quorum) or never answers a fetch; another replica is cut off while the group moves on and
     * must fetch the state around the liar: every lie is found by its digest, the liar counted and
     * the next replier asked. At {@code f = 1} the cut-off replica is the primary's other backups'
     * peer; at {@code f = 2}, a second liar may join.
     */
    static Families.Outcome lyingStateReplier(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        List<Integer> backups = Families.someBackups(scenario, 3 * f + 1, 3 * f);
        int lagging = backups.get(0);
        Set<Integer> liars = new HashSet<>(backups.subList(1, 1 + (f == 1 ? 1 : 1 + scenario.nextInt(2))));
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, liars)
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        boolean silent = scenario.nextInt(3) == 0;
        for (int liar : liars) {
            var lies = cluster.sim().random("state-liar-" + liar);
            cluster.host(liar).intercept(silent ? LyingStateReplier.silent(lies) : LyingStateReplier.lying(lies));
        }
        long start = scenario.nextLong(100);
        long heal = Families.FAULTS_STOP_MILLIS - 100 - scenario.nextLong(200);
        cluster.sim().network().partition(new Partition(Set.of(lagging), start, heal));
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return Families.runToEnd(cluster, true, liars, Families.LIVENESS_BOUND_MILLIS, false, true);
    }
}
