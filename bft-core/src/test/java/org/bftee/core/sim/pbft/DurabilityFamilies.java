package org.bftee.core.sim.pbft;

import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.replica.DurableLog;
import org.bftee.core.replica.PlantedBug;
import org.bftee.core.sim.NetworkConditions;
import org.bftee.core.sim.Seeds;

/**
 * Durability ({@link DurableLog}): replicas log their votes to their disks and restart from them.
 *
 * <ul>
 *   <li>{@link #fullGroupCrash}: every replica crashes at once, once or twice, and restarts from its
 *       disk (each after its own delay). Every operation a client saw acknowledged must survive:
 *       the agreement checker catches a sequence number given to another batch after the restart,
 *       the linearizability checker a write that disappeared.
 *   <li>{@link #replicasRestartWithTheirLog}: up to {@code f} replicas, the primary among the
 *       candidates, crash and restart from their disks while the others go on. With its votes
 *       logged a restarted replica is correct: it must never vote for another batch where it voted
 *       before, so here it counts as correct for every check.
 * </ul>
 */
final class DurabilityFamilies {

    private DurabilityFamilies() {
    }

    /** A lossy group whose replicas log to their disks; view changes replace a primary that stalls. */
    private static PbftCluster durableCluster(long seed, int f, PlantedBug bug) {
        return PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of()).durable(true)
                .viewChangeTimeoutMillis(ViewChangeFamilies.VIEW_CHANGE_TIMEOUT_MILLIS)
                .livenessBoundMillis(ViewChangeFamilies.livenessBoundMillis(f))
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
    }

    static Families.Outcome fullGroupCrash(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = durableCluster(seed, f, bug);
        int crashes = 1 + scenario.nextInt(2);
        long crash = 60 + scenario.nextLong(200);
        for (int i = 0; i < crashes && crash < Families.FAULTS_STOP_MILLIS - 100; i++) {
            cluster.sim().at(crash, () -> {
                for (int replica = 0; replica < cluster.n(); replica++) {
                    cluster.crashReplica(replica);
                }
            });
            long lastRestart = crash;
            for (int replica = 0; replica < cluster.n(); replica++) {
                int id = replica;
                long restart = crash + 5 + scenario.nextLong(60);
                lastRestart = Math.max(lastRestart, restart);
                cluster.sim().at(restart, () -> cluster.restartReplica(id, true));
            }
            crash = lastRestart + 40 + scenario.nextLong(200);
        }
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return Families.runToEnd(cluster, true, Set.of(), ViewChangeFamilies.livenessBoundMillis(f), true, true);
    }

    static Families.Outcome replicasRestartWithTheirLog(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = durableCluster(seed, f, bug);
        int n = cluster.n();
        int victims = 1 + scenario.nextInt(f);
        int first = scenario.nextInt(n);
        for (int k = 0; k < victims; k++) {
            int victim = (first + k) % n;
            long crash = scenario.nextLong(300);
            int restarts = 1 + scenario.nextInt(2);
            for (int i = 0; i < restarts; i++) {
                long restart = Math.min(Families.FAULTS_STOP_MILLIS - 10, crash + 10 + scenario.nextLong(150));
                cluster.sim().at(crash, () -> cluster.crashReplica(victim));
                cluster.sim().at(restart, () -> cluster.restartReplica(victim, true));
                crash = restart + 1 + scenario.nextLong(100);
                if (crash >= Families.FAULTS_STOP_MILLIS - 30) {
                    break;
                }
            }
        }
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return Families.runToEnd(cluster, true, Set.of(), ViewChangeFamilies.livenessBoundMillis(f), true, true);
    }
}
