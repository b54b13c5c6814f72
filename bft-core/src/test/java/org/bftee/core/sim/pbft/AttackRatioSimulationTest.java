package org.bftee.core.sim.pbft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.message.MessageType;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.sim.FrameFault;
import org.bftee.core.sim.Link;
import org.bftee.core.sim.NetworkConditions;
import org.bftee.core.sim.SeedRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.TestInfo;

/**
 * The attacks of issue 9 in the simulator, each measured against itself: for every seed, the same
 * group, workload and network run twice, once without the attack and once with it from
 * {@link #ATTACK_START_MILLIS} to {@link #ATTACK_END_MILLIS}, and the operations the correct clients
 * completed in that window are compared. The ratio of the totals over the seeds is printed, not
 * asserted (the simulator has no cost model of CPU or bandwidth: it shows what an attack does to the
 * protocol, such as view changes and waits, not what a flood costs a machine; the Netty benchmark
 * {@code org.bftee.bench.attack.AttackBench} measures that). Each attacked run must stay safe (every
 * checker) and make progress under the attack, and the clients must finish once it stops.
 *
 * <p>The group runs with the view-change timeout of the view-change families (300 ms), so the
 * slow-primary monitor's window is 300 ms; the correct clients have two lanes each and no pauses.
 */
class AttackRatioSimulationTest {

    static final long ATTACK_START_MILLIS = 500;
    static final long ATTACK_END_MILLIS = 2_500;
    static final long WORKLOAD_END_MILLIS = 2_700;
    static final long VIEW_CHANGE_TIMEOUT_MILLIS = 300;
    /** Seeds per attack unless {@code -Dsim.seeds} says otherwise: each is two runs. */
    static final int SEEDS_DEFAULT = 20;

    /** The attacks, and {@code RESTART_ONLY}: the silent replier's restart of replica 2 with every replica correct, to compare with. */
    enum Attack { PARTIAL_AUTH, MALFORMED_CLIENT, REPLICA_FLOOD, SLOW_PRIMARY, SILENT_STATE_REPLIER, RESTART_ONLY }

    @ParameterizedTest
    @EnumSource(Attack.class)
    void throughputUnderAttackAgainstWithout(Attack attack, TestInfo info) {
        measure(info, attack);
    }

    private static void measure(TestInfo info, Attack attack) {
        long[] totals = new long[3];
        SeedRunner.run(info, SEEDS_DEFAULT, seed -> {
            long baseline = run(seed, attack, false);
            long underAttack = run(seed, attack, true);
            assertTrue(underAttack > 0, attack + ", seed " + seed + ": nothing completed under the attack");
            totals[0] += baseline;
            totals[1] += underAttack;
            totals[2]++;
        });
        System.out.printf(Locale.ROOT, "AttackRatioSimulationTest %s: %d seeds, %.1f operations per seed without the"
                        + " attack, %.1f with it, ratio %.2f%n", attack, totals[2], totals[0] / (double) totals[2],
                totals[1] / (double) totals[2], totals[1] / (double) Math.max(1, totals[0]));
    }

    /** One run; the operations the correct clients completed within the attack window. */
    static long run(long seed, Attack attack, boolean attacked) {
        PbftCluster cluster = PbftCluster.builder(seed).f(1).extraPrincipals(1)
                .viewChangeTimeoutMillis(VIEW_CHANGE_TIMEOUT_MILLIS)
                .livenessBoundMillis(3_000)
                .conditions(new NetworkConditions(0, 0, 1, 5)).build();
        if (attacked) {
            arm(cluster, attack, seed);
        }
        cluster.faultsStopAt(ATTACK_END_MILLIS, () -> disarm(cluster, attack));
        cluster.runWorkload(0, WORKLOAD_END_MILLIS, 1);
        boolean idle = cluster.runUntilClientsIdle(WORKLOAD_END_MILLIS, WORKLOAD_END_MILLIS + 3_000);
        assertTrue(idle, attack + (attacked ? " (attacked)" : " (baseline)") + ", seed " + seed
                + ": the clients did not finish after the attack stopped: " + cluster.replicaStates());
        cluster.sim().runUntil(cluster.checkers()::everyAcceptedResultCommitted, cluster.sim().nowMillis() + 500);
        cluster.verifySafety();
        long completed = 0;
        for (SimClient client : cluster.clients()) {
            completed += client.completed().stream().filter(done -> done.respondedAtMillis() >= ATTACK_START_MILLIS
                    && done.respondedAtMillis() < ATTACK_END_MILLIS).count();
        }
        return completed;
    }

    private static void arm(PbftCluster cluster, Attack attack, long seed) {
        SplittableRandom random = cluster.sim().random("attack");
        int n = cluster.n();
        switch (attack) {
            case PARTIAL_AUTH -> {
                int faulty = cluster.extraPrincipals().get(0);
                ByzantineClient client = cluster.sim().start(faulty, context -> new ByzantineClient(context, cluster.sim()));
                long[] timestamp = {1};
                for (long at = ATTACK_START_MILLIS; at < ATTACK_END_MILLIS; at += 20) {
                    cluster.sim().on(faulty, at, () -> {
                        int primary = (int) (cluster.replica(1).replica().view() % n);
                        Set<Integer> validFor = new java.util.HashSet<>();
                        for (int replica = 0; replica < n; replica++) {
                            if (replica != primary) {
                                validFor.add(replica);
                            }
                        }
                        long ts = timestamp[0]++;
                        client.send((int) (ts % 2), ts, 0, KvOperations.encode(new KvOperation.Get(
                                ByzantineClient.key(0))), validFor, true);
                    });
                }
            }
            case MALFORMED_CLIENT -> {
                int faulty = cluster.extraPrincipals().get(0);
                ByzantineClient client = cluster.sim().start(faulty, context -> new ByzantineClient(context, cluster.sim()));
                client.misbehave(ATTACK_START_MILLIS, ATTACK_END_MILLIS);
            }
            case REPLICA_FLOOD -> cluster.sim().at(ATTACK_START_MILLIS, () -> {
                for (int to = 0; to < n; to++) {
                    if (to != 3) {
                        cluster.sim().network().fault(new Link(3, to), flood(random));
                    }
                }
            });
            case SLOW_PRIMARY -> cluster.sim().at(ATTACK_START_MILLIS, () -> {
                long delay = VIEW_CHANGE_TIMEOUT_MILLIS * 9 / 10;
                for (int to = 1; to < n; to++) {
                    cluster.sim().network().fault(new Link(0, to), delayType(MessageType.PRE_PREPARE, delay));
                }
            });
            case SILENT_STATE_REPLIER, RESTART_ONLY -> {
                if (attack == Attack.SILENT_STATE_REPLIER) {
                    cluster.host(3).intercept(LyingStateReplier.silent(random));
                }
                cluster.sim().at(ATTACK_START_MILLIS, () -> {
                    cluster.crashReplica(2);
                    cluster.restartReplica(2, false);
                });
            }
        }
    }

    private static void disarm(PbftCluster cluster, Attack attack) {
        cluster.sim().network().clearFaults();
        if (attack == Attack.SILENT_STATE_REPLIER) {
            cluster.host(3).intercept(null);
        }
    }

    /**
     * Every frame of the flooding replica arrives, and with it ten stale copies (replays, up to 400 ms
     * later: authentic, and older by then) and ten copies with random bytes after the header.
     */
    private static FrameFault flood(SplittableRandom random) {
        return (link, frame, actions) -> {
            actions.deliver(frame);
            for (int i = 0; i < 10; i++) {
                actions.deliverAfter(1 + random.nextLong(400), frame);
                byte[] garbage = frame.clone();
                for (int at = 18; at < garbage.length; at++) {
                    garbage[at] = (byte) random.nextInt();
                }
                actions.deliverAfter(random.nextLong(20), garbage);
            }
        };
    }

    /** Holds frames of {@code type} back for {@code delayMillis}; the others go at once. */
    private static FrameFault delayType(MessageType type, long delayMillis) {
        return (link, frame, actions) -> {
            if (frame.length > 5 && frame[5] == (byte) type.tag()) {
                actions.deliverAfter(delayMillis, frame);
            } else {
                actions.deliver(frame);
            }
        };
    }
}
