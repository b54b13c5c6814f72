package org.bftee.core.sim.pbft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A group of one replica ({@code f = 0}: every certificate is the replica's own vote) in the
 * simulator, over the CI seeds (500; a run of one replica takes about a millisecond): the network
 * families that make sense without backups ({@link Families#lossyNetwork},
 * {@link Families#replayedFrames}), a faulty client
 * ({@link Families#faultyClient}), and every client-link fault at once
 * ({@link SingleReplicaFamilies#clientLinkFaults}). Each run checks safety (agreement with itself,
 * exactly-once, linearizability of every client's operations) and liveness once the faults stop.
 */
class SingleReplicaSimulationTest {

    /** One replica is never stranded and has no backup to lose: liveness is judged in every run. */
    private static final double JUDGED_MIN = 1.0;

    @Test
    void lossyNetworkF0(TestInfo info) {
        FamilyRunner.run(info, Families::lossyNetwork, 0, JUDGED_MIN);
    }

    @Test
    void replayedFramesF0(TestInfo info) {
        FamilyRunner.run(info, Families::replayedFrames, 0, JUDGED_MIN);
    }

    @Test
    void faultyClientF0(TestInfo info) {
        FamilyRunner.run(info, Families::faultyClient, 0, JUDGED_MIN);
    }

    @Test
    void clientLinkFaultsF0(TestInfo info) {
        FamilyRunner.run(info, SingleReplicaFamilies::clientLinkFaults, 0, JUDGED_MIN);
    }
}
