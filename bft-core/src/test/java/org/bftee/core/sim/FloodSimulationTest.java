package org.bftee.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.auth.AuthRejectReason;
import org.bftee.core.sim.check.LivenessChecker;
import org.bftee.core.sim.check.RequestId;
import org.bftee.core.sim.check.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The simulator run end to end with {@link FloodNode} replicas over many seeds: faults,
 * partitions and healing, Byzantine links, and reproducibility.
 */
class FloodSimulationTest {

    private static final int N = 4;
    private static final long FAULTS_STOP_MILLIS = 1_000;
    /** After the faults stop, one anti-entropy round and a one-millisecond hop suffice; twice that is the bound. */
    private static final long SPREAD_BOUND_MILLIS = 2 * (FloodNode.ANTI_ENTROPY_MILLIS + 1);

    /** A run of four flood replicas, each starting one rumor; returns the simulation after {@code endMillis}. */
    private static Simulation lossyRun(long seed, long endMillis, LivenessChecker liveness) {
        Simulation sim = Simulation.builder(seed).conditions(new NetworkConditions(0.2, 0.1, 1, 30)).build();
        SplittableRandom scenario = sim.random("scenario");
        FloodNode[] replicas = new FloodNode[N];
        for (int i = 0; i < N; i++) {
            replicas[i] = sim.start(i, FloodNode::new);
        }
        for (int i = 0; i < N; i++) {
            int origin = i;
            long rumor = 100 + i;
            long at = scenario.nextLong(FAULTS_STOP_MILLIS + 200);
            sim.on(origin, at, () -> replicas[origin].originate(rumor));
            for (int replica = 0; replica < N; replica++) {
                liveness.invoked(new RequestId(replica, 0, rumor), at);
            }
        }
        sim.at(FAULTS_STOP_MILLIS, () -> {
            sim.network().conditions(NetworkConditions.perfect());
            liveness.faultsStopped(sim.nowMillis());
        });
        sim.runUntil(endMillis);
        for (int replica = 0; replica < N; replica++) {
            for (long rumor = 100; rumor < 100 + N; rumor++) {
                if (replicas[replica].knows(rumor)) {
                    liveness.completed(new RequestId(replica, 0, rumor), replicas[replica].learnedAtMillis(rumor));
                }
            }
        }
        return sim;
    }

    @Test
    void everyRumorReachesEveryReplicaWithinTheBoundOnceFaultsStop(TestInfo info) {
        SeedRunner.run(info, seed -> {
            LivenessChecker liveness = new LivenessChecker(SPREAD_BOUND_MILLIS);
            Simulation sim = lossyRun(seed, 2_000, liveness);
            liveness.verify(sim.nowMillis());
        });
    }

    @Test
    void lossDuplicationAndReorderingAllHappen() {
        NetworkCounters counters = lossyRun(3, 2_000, new LivenessChecker(SPREAD_BOUND_MILLIS)).network().counters();

        assertTrue(counters.lost() > 0, counters.toString());
        assertTrue(counters.duplicated() > 0, counters.toString());
        assertEquals(0, counters.rejected().total(), "honest frames always authenticate");
    }

    @Test
    void theLivenessCheckerFlagsARumorThatCannotSpread() {
        Simulation sim = Simulation.builder(3).build();
        FloodNode[] replicas = new FloodNode[N];
        for (int i = 0; i < N; i++) {
            replicas[i] = sim.start(i, FloodNode::new);
        }
        sim.network().partition(new Partition(Set.of(3), 0, Long.MAX_VALUE));
        LivenessChecker liveness = new LivenessChecker(SPREAD_BOUND_MILLIS);
        sim.on(0, 10, () -> replicas[0].originate(7));
        for (int replica = 0; replica < N; replica++) {
            liveness.invoked(new RequestId(replica, 0, 7), 10);
        }
        liveness.faultsStopped(100);
        sim.runUntil(1_000);
        for (int replica = 0; replica < 3; replica++) {
            liveness.completed(new RequestId(replica, 0, 7), replicas[replica].learnedAtMillis(7));
        }

        Violation violation = assertThrows(Violation.class, () -> liveness.verify(sim.nowMillis()));
        assertTrue(violation.getMessage().contains("(client 3, lane 0, t 7) invoked at 10 ms still outstanding"),
                violation.getMessage());
    }

    @Test
    void aPartitionKeepsRumorsOnItsSideUntilItHeals(TestInfo info) {
        SeedRunner.run(info, 200, seed -> {
            Simulation sim = Simulation.builder(seed).conditions(NetworkConditions.reordering(20)).build();
            long heal = 500 + sim.random("scenario").nextLong(1_000);
            sim.network().partition(new Partition(Set.of(0, 1), 100, heal));
            FloodNode[] replicas = new FloodNode[N];
            for (int i = 0; i < N; i++) {
                replicas[i] = sim.start(i, FloodNode::new);
            }
            sim.on(0, 150, () -> replicas[0].originate(7));
            sim.on(3, 200, () -> replicas[3].originate(8));
            sim.runUntil(heal + SPREAD_BOUND_MILLIS + 20);

            for (int i = 0; i < N; i++) {
                for (long rumor : new long[] {7, 8}) {
                    if (!replicas[i].knows(rumor)) {
                        throw new Violation("replica " + i + " never learned rumor " + rumor + " after the heal at "
                                + heal + " ms");
                    }
                }
            }
            for (int far : new int[] {2, 3}) {
                assertTrue(replicas[far].learnedAtMillis(7) >= heal, "rumor 7 crossed the partition to " + far);
            }
            for (int far : new int[] {0, 1}) {
                assertTrue(replicas[far].learnedAtMillis(8) >= heal, "rumor 8 crossed the partition to " + far);
            }
            assertTrue(replicas[1].learnedAtMillis(7) < heal, "replica 1 is on replica 0's side");
        });
    }

    @Test
    void theSameSeedReplaysTheSameRunAndOtherSeedsDiffer() {
        Set<Long> hashes = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Simulation first = lossyRun(seed, 1_500, new LivenessChecker(SPREAD_BOUND_MILLIS));
            Simulation again = lossyRun(seed, 1_500, new LivenessChecker(SPREAD_BOUND_MILLIS));

            assertEquals(first.trace().hash(), again.trace().hash(), "seed " + seed);
            assertEquals(first.trace().entries(), again.trace().entries());
            assertEquals(first.network().counters().toString(), again.network().counters().toString());
            hashes.add(first.trace().hash());
        }
        assertEquals(20, hashes.size(), "every seed makes a different run");
    }

    @Test
    void correctReplicasSpreadRumorsPastAByzantineOne(TestInfo info) {
        SeedRunner.run(info, 200, seed -> {
            Simulation sim = Simulation.builder(seed).conditions(NetworkConditions.reordering(10)).build();
            FloodNode[] replicas = new FloodNode[N];
            for (int i = 0; i < N; i++) {
                replicas[i] = sim.start(i, FloodNode::new);
            }
            sim.network().fault(new Link(3, 0), FrameFaults.corruptAuthenticatedRegion());
            sim.network().fault(new Link(3, 1), FrameFaults.replayAfter(25));
            sim.network().fault(new Link(0, 1), FrameFaults.drop());
            sim.host(3).intercept((receiver, message) -> receiver == 2
                    ? new org.bftee.core.message.Checkpoint(666, FloodNode.digestOf(1), 3) : message);
            sim.on(0, 10, () -> replicas[0].originate(1));
            sim.runUntil(500);

            for (int i = 0; i < 3; i++) {
                assertTrue(replicas[i].knows(1), "replica " + i);
                assertTrue(!replicas[i].knows(666), "replica " + i + " took the equivocating replica's bogus rumor");
            }
            assertTrue(replicas[2].bogus() > 0);
            assertTrue(sim.host(0).rejections().total() > 0);
            assertEquals(sim.host(0).rejections().total(), sim.network().counters().rejected().total());
            assertTrue(sim.network().counters().rejected().count(AuthRejectReason.MAC_FORGED)
                    + sim.network().counters().rejected().count(AuthRejectReason.UNDECODABLE) > 0);
        });
    }
}
