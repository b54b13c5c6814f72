package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.replica.PlantedBug;
import org.bftee.core.replica.Replica;
import org.bftee.core.sim.NetworkConditions;
import org.bftee.core.sim.Seeds;

/**
 * Proactive recovery in the simulator: every replica, the primary included, is compromised at some
 * point of the run and then recovered, one at a time (never more than {@code f} within a window).
 * A compromised replica lies in its PREPAREs, COMMITs and CHECKPOINTs ({@link LyingBackup}) and the
 * attacker changes some of its objects behind the library's back; at its recovery the attacker
 * leaves and {@link Replica#startRecovery} runs. Besides the checks of {@link Families} (with the
 * catch-up requirement), every recovery must finish before the run ends, and from then on the
 * recovered replica's executions and checkpoints are checked like any correct replica's.
 *
 * <p>{@link #stolenKeys} adds key refresh and a {@link KeyThief}: every principal, clients too,
 * refreshes its keys about every {@value #KEY_REFRESH_MILLIS} ms (each interval drawn between half and one and a half of it), a recovering
 * replica at the start of its recovery; the attacker keeps the keys of each replica it held and
 * replays that replica's traffic under them once they are replaced. Every such frame must be refused.
 * There the replicas fall one after another, each only once the previous one recovered (see
 * {@link #fallOneAfterAnother}); as many as fit before the faults stop, 3.7 of 4 on average at
 * {@code f = 1} and 5.5 of 7 at {@code f = 2} over the first 100 seeds.
 */
final class RecoveryFamilies {

    /** Before the first recovery, the group executes for a while. */
    private static final long FIRST_RECOVERY_MILLIS = 60;

    private RecoveryFamilies() {
    }

    /**
     * The key refresh period of {@link #stolenKeys}: short enough that each replica's old keys are
     * replaced soon after its recovery (the thief waits for that) and that a few refreshes of each
     * principal fall into the run. Not shorter: a refresh refuses the frames in flight under the
     * keys it replaces, a loss of about latency / period (2 % here, on top of the network's), and
     * at 50 ms recoveries slowed past the stagger, so that more than f replicas were faulty at once.
     */
    static final long KEY_REFRESH_MILLIS = 300;

    static Families.Outcome staggeredRecoveries(long seed, int f, PlantedBug bug) {
        return run(seed, f, bug, false);
    }

    static Families.Outcome stolenKeys(long seed, int f, PlantedBug bug) {
        return run(seed, f, bug, true);
    }

    private static Families.Outcome run(long seed, int f, PlantedBug bug, boolean keysStolen) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of())
                .viewChangeTimeoutMillis(ViewChangeFamilies.VIEW_CHANGE_TIMEOUT_MILLIS)
                .livenessBoundMillis(ViewChangeFamilies.livenessBoundMillis(f))
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        int n = cluster.n();
        long spacing = (Families.FAULTS_STOP_MILLIS - FIRST_RECOVERY_MILLIS) / n;
        List<Integer> order = new ArrayList<>();
        for (int replica = 0; replica < n; replica++) {
            order.add(replica);
        }
        Collections.shuffle(order, new java.util.Random(scenario.nextLong()));
        KeyThief thief = keysStolen ? new KeyThief(cluster, cluster.sim().random("key-thief")) : null;
        long endMillis = Families.FAULTS_STOP_MILLIS + Families.CATCH_UP_MAX_MILLIS;
        if (keysStolen) {
            for (var host : cluster.sim().hosts()) {
                // Each interval drawn around the period: refreshes at exact multiples would stay in
                // step with the clients' retransmissions (100 ms, doubling) and refuse every one.
                for (long at = 1 + scenario.nextLong(KEY_REFRESH_MILLIS); at < endMillis;
                        at += KEY_REFRESH_MILLIS / 2 + scenario.nextLong(KEY_REFRESH_MILLIS)) {
                    cluster.sim().at(at, () -> cluster.sim().refreshKeys(host.id()));
                }
            }
            thief.strikeBetween(FIRST_RECOVERY_MILLIS, endMillis);
        }
        List<Victim> victims = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int replica = order.get(k);
            long recoverAt = FIRST_RECOVERY_MILLIS + k * spacing;
            long compromisedAt = Math.max(0, recoverAt - 10 - scenario.nextLong(spacing / 2));
            int tampered = scenario.nextInt(3);
            victims.add(new Victim(replica, compromisedAt, recoverAt, tampered,
                    cluster.sim().random("compromised-" + replica)));
        }
        if (keysStolen) {
            fallOneAfterAnother(cluster, victims, 0, 0, thief);
        } else {
            for (Victim victim : victims) {
                cluster.sim().at(victim.compromisedAt(), () -> compromise(cluster, victim, null));
                cluster.sim().at(victim.recoverAt(), () -> recover(cluster, victim, null));
            }
        }
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, () -> { });
        Families.Outcome outcome = Families.runToEnd(cluster, true, Set.of(),
                ViewChangeFamilies.livenessBoundMillis(f), true, true);
        cluster.sim().runUntil(() -> recovering(cluster).isEmpty(),
                cluster.sim().nowMillis() + Families.CATCH_UP_MAX_MILLIS);
        List<Integer> unfinished = recovering(cluster);
        if (!unfinished.isEmpty()) {
            throw new AssertionError("replicas " + unfinished + " did not finish their recovery: " + cluster.replicaStates());
        }
        if (keysStolen) {
            thief.check();
        }
        return outcome;
    }

    /** One replica's turn: compromised from {@code compromisedAt}, recovering from {@code recoverAt}. */
    private record Victim(int replica, long compromisedAt, long recoverAt, int tampered, SplittableRandom attacker) {
    }

    /**
     * Schedules victim {@code k} and, once it has recovered, the next: never sooner than planned,
     * and never before the previous one finished its recovery. Key refreshes refuse frames in
     * flight and slow recoveries down, so that a fixed stagger would let them overlap: more than
     * {@code f} replicas faulty at once, outside the model. A victim whose compromise would come
     * too late to end before the faults stop is left out, and so are the ones after it.
     */
    private static void fallOneAfterAnother(PbftCluster cluster, List<Victim> victims, int k, long notBefore,
                                            KeyThief thief) {
        if (k == victims.size()) {
            return;
        }
        Victim planned = victims.get(k);
        long at = Math.max(planned.compromisedAt(), notBefore);
        long lead = planned.recoverAt() - planned.compromisedAt();
        if (at + lead >= Families.FAULTS_STOP_MILLIS - 10) {
            return;
        }
        cluster.sim().at(at, () -> {
            if (!recovering(cluster).isEmpty()) {
                fallOneAfterAnother(cluster, victims, k, cluster.sim().nowMillis() + 5, thief);
                return;
            }
            Victim victim = new Victim(planned.replica(), at, at + lead, planned.tampered(), planned.attacker());
            compromise(cluster, victim, thief);
            cluster.sim().at(victim.recoverAt(), () -> {
                recover(cluster, victim, thief);
                fallOneAfterAnother(cluster, victims, k + 1, victim.recoverAt() + 1, thief);
            });
        });
    }

    private static void compromise(PbftCluster cluster, Victim victim, KeyThief thief) {
        cluster.replica(victim.replica()).compromise(victim.attacker(), victim.tampered());
        LyingBackup liar = LyingBackup.flipFlopping(victim.attacker());
        cluster.host(victim.replica()).intercept(thief == null ? liar : thief.hold(victim.replica(), liar));
    }

    private static void recover(PbftCluster cluster, Victim victim, KeyThief thief) {
        cluster.host(victim.replica()).intercept(null);
        if (thief != null) {
            thief.steal(victim.replica());
            cluster.sim().refreshKeys(victim.replica());
        }
        cluster.replica(victim.replica()).replica().startRecovery(victim.recoverAt());
    }

    private static List<Integer> recovering(PbftCluster cluster) {
        List<Integer> recovering = new ArrayList<>();
        for (int replica = 0; replica < cluster.n(); replica++) {
            if (cluster.replica(replica).replica().isRecovering() || cluster.replica(replica).compromised()) {
                recovering.add(replica);
            }
        }
        return recovering;
    }
}
