package org.bftee.core.sim.pbft;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.bftee.core.message.MessageType;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.replica.PlantedBug;
import org.bftee.core.sim.FrameFaults;
import org.bftee.core.sim.Link;
import org.bftee.core.sim.MessageInterceptor;
import org.bftee.core.sim.NetworkConditions;
import org.bftee.core.sim.Partition;
import org.bftee.core.sim.Seeds;

/**
 * The view-change families: runs shaped like {@link Families}' (same workload, faults until
 * {@link Families#FAULTS_STOP_MILLIS}, every safety checker) in which the primary fails, so the
 * group must change views to make progress. The replicas' view-change timeout is
 * {@link #VIEW_CHANGE_TIMEOUT_MILLIS}, short enough for several consecutive view changes to fit
 * in a run.
 *
 * <p>Faulty replicas stay faulty after the faults stop (a crashed replica stays down, a silent
 * primary stays silent); only the network heals. Liveness is judged in every run with at most
 * {@code f} replicas out of service: every operation completes within {@link #livenessBoundMillis}
 * of the end of the faults, which allows for {@code f + 1} consecutive view changes, each with a
 * doubled timeout.
 */
final class ViewChangeFamilies {

    static final long VIEW_CHANGE_TIMEOUT_MILLIS = 300;

    private ViewChangeFamilies() {
    }

    /**
     * Room for the consecutive view changes {@code f} faulty primaries in a row force (their
     * timeouts double: {@code T + 2T + ... + 2^f T < 2^(f+1) T}), on top of the normal case's bound.
     */
    static long livenessBoundMillis(int f) {
        return Families.LIVENESS_BOUND_MILLIS + (VIEW_CHANGE_TIMEOUT_MILLIS << (f + 2));
    }

    /** The primary crashes (is cut off from everyone for good) at a random time in the first 400 ms. */
    static Families.Outcome crashedPrimary(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = cluster(seed, f, bug, Set.of()).build();
        crash(cluster, 0, scenario.nextLong(400));
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return run(cluster, Set.of(0));
    }

    /** The primary stays up and answers everything but never orders: it sends no pre-prepare. */
    static Families.Outcome silentPrimary(long seed, int f, PlantedBug bug) {
        PbftCluster cluster = cluster(seed, f, bug, Set.of(0)).build();
        cluster.host(0).intercept(new SilentPrimary(1));
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return run(cluster, Set.of(0));
    }

    /**
     * The primary, with some clients, is cut off from every backup from a random time until the
     * faults stop: the backups change view without it, and it rejoins as a backup when the
     * partition heals (it must then follow the new view it missed).
     */
    static Families.Outcome partitionedPrimary(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = cluster(seed, f, bug, Set.of()).conditions(new NetworkConditions(0.02, 0.02, 1, 10))
                .build();
        Set<Integer> side = new HashSet<>(Set.of(0));
        cluster.clients().forEach(client -> {
            if (scenario.nextBoolean()) {
                side.add(client.id());
            }
        });
        long start = scenario.nextLong(200);
        cluster.sim().network().partition(new Partition(side, start, Families.FAULTS_STOP_MILLIS));
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return run(cluster, Set.of());
    }

    /**
     * The primaries of views {@code 0 .. f - 1} are faulty, crashed or silent, so the group needs
     * {@code f} consecutive view changes, each with a doubled timeout, before a correct primary
     * orders again.
     */
    static Families.Outcome consecutiveFaultyPrimaries(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        Set<Integer> faulty = new HashSet<>();
        for (int replica = 0; replica < f; replica++) {
            faulty.add(replica);
        }
        PbftCluster cluster = cluster(seed, f, bug, faulty).conditions(NetworkConditions.reordering(10)).build();
        for (int replica : faulty) {
            if (scenario.nextBoolean()) {
                crash(cluster, replica, scenario.nextLong(300));
            } else {
                cluster.host(replica).intercept(new SilentPrimary(1));
            }
        }
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return run(cluster, faulty);
    }

    /**
     * The primary equivocates to more than {@code f} backups until the faults stop, so nothing
     * can prepare in view 0 and the backups change view; it then stays correct as a backup.
     */
    static Families.Outcome equivocatingPrimary(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = cluster(seed, f, bug, Set.of(0)).conditions(new NetworkConditions(0.02, 0.02, 1, 10))
                .build();
        int victims = f + 1 + scenario.nextInt(2 * f);
        Set<Integer> equivocatedTo = new HashSet<>(Families.someBackups(scenario, cluster.n(), victims));
        cluster.host(0).intercept(new EquivocatingPrimary(equivocatedTo, cluster.sim().random("equivocation")));
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> cluster.host(0).intercept(null));
        return run(cluster, Set.of(0));
    }

    private static PbftCluster.Builder cluster(long seed, int f, PlantedBug bug, Set<Integer> byzantine) {
        return PbftCluster.builder(seed).f(f).plantedBug(bug, byzantine).faulty(byzantine)
                .viewChangeTimeoutMillis(VIEW_CHANGE_TIMEOUT_MILLIS).livenessBoundMillis(livenessBoundMillis(f));
    }

    private static Families.Outcome run(PbftCluster cluster, Set<Integer> outOfService) {
        return Families.runToEnd(cluster, true, outOfService, livenessBoundMillis(cluster.f()), true);
    }

    /** Cuts {@code replica} off from everyone from {@code atMillis} to the end of any run: a crash. */
    private static void crash(PbftCluster cluster, int replica, long atMillis) {
        cluster.sim().network().partition(new Partition(Set.of(replica), atMillis, Long.MAX_VALUE));
    }

    /**
     * The primary keeps ordering every client's requests but one's ({@link SelectivePrimary}):
     * that client's requests must still complete, after a view change.
     */
    static Families.Outcome selectivePrimary(long seed, int f, PlantedBug bug) {
        PbftCluster cluster = cluster(seed, f, bug, Set.of(0)).conditions(NetworkConditions.reordering(10)).build();
        cluster.host(0).intercept(new SelectivePrimary(cluster.client(0).id()));
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return run(cluster, Set.of(0));
    }

    /**
     * Up to {@code f} Byzantine backups send VIEW-CHANGE messages with forged P and Q sets, stale or
     * wrong checkpoints ({@link ForgingViewChangeBackup}, malformed ones too in half the seeds), or
     * different VIEW-CHANGEs to different replicas ({@link EquivocatingViewChanger}), while the
     * primary is cut off for a while so that the group must change view.
     */
    static Families.Outcome forgingBackups(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        List<Integer> liars = Families.someBackups(scenario, 3 * f + 1, 1 + scenario.nextInt(f));
        PbftCluster cluster = cluster(seed, f, bug, new HashSet<>(liars))
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        Quorums quorums = new Quorums(f);
        for (int liar : liars) {
            SplittableRandom lies = cluster.sim().random("forger-" + liar);
            ForgingViewChangeBackup.Spread spread = scenario.nextBoolean() ? ForgingViewChangeBackup.Spread.SAME_TO_ALL
                    : ForgingViewChangeBackup.Spread.EACH_ITS_OWN;
            MessageInterceptor forger = switch (scenario.nextInt(3)) {
                case 0 -> ForgingViewChangeBackup.wellFormed(liar, spread, quorums, SimSettings.LIMITS, lies);
                case 1 -> ForgingViewChangeBackup.sometimesMalformed(liar, spread, quorums, SimSettings.LIMITS, lies);
                default -> new EquivocatingViewChanger(liar, quorums, SimSettings.LIMITS, lies);
            };
            cluster.host(liar).intercept(forger);
        }
        cutPrimaryForAWhile(cluster, scenario);
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return run(cluster, new HashSet<>(liars));
    }

    /**
     * The primary of view 1 sends a NEW-VIEW with a wrong decision ({@link LyingNewPrimary}: wrong
     * checkpoint, a dropped or invented batch, a V set that does not hold up), the same lie to
     * every backup or its own to each, while primary 0 is cut off for a while so that the group
     * changes to view 1. The backups must reject it and move on to view 2.
     */
    static Families.Outcome lyingNewPrimary(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        // Loss keeps some replicas a few batches behind, so a NEW-VIEW that drops a committed batch
        // is installed by a replica that has not executed it yet.
        PbftCluster cluster = cluster(seed, f, bug, Set.of(1)).conditions(new NetworkConditions(0.1, 0.02, 1, 10))
                .build();
        Set<Integer> victims = new HashSet<>();
        for (int replica = 0; replica < cluster.n(); replica++) {
            if (replica != 1) {
                victims.add(replica);
            }
        }
        SplittableRandom lies = cluster.sim().random("lying-new-primary");
        Quorums quorums = new Quorums(f);
        cluster.host(1).intercept(scenario.nextBoolean()
                ? LyingNewPrimary.sameLieToAll(victims, quorums, SimSettings.LIMITS, lies)
                : LyingNewPrimary.ownLieToEach(victims, quorums, SimSettings.LIMITS, lies));
        cutPrimaryForAWhile(cluster, scenario);
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        return run(cluster, Set.of(1));
    }

    /**
     * From a random time in the first 200 ms until the faults stop, the network loses every
     * pre-prepare primary 0 sends, so the backups change view without it. Everything else gets
     * through, so the old primary follows the group into the new view and does not fall behind
     * its stable checkpoint (there is no state transfer yet to bring a replica back from there).
     */
    private static void cutPrimaryForAWhile(PbftCluster cluster, SplittableRandom scenario) {
        cluster.sim().at(scenario.nextLong(200), () -> {
            for (int backup = 1; backup < cluster.n(); backup++) {
                cluster.sim().network().fault(new Link(0, backup), FrameFaults.dropType(MessageType.PRE_PREPARE));
            }
        });
        cluster.sim().at(Families.FAULTS_STOP_MILLIS, () -> {
            for (int backup = 1; backup < cluster.n(); backup++) {
                cluster.sim().network().fault(new Link(0, backup), null);
            }
        });
    }
}
