package org.bftee.core.sim.pbft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The state transfer families ({@link StateTransferFamilies}) over the CI seeds at {@code f = 1}
 * and {@code f = 2}: lagging replicas, replicas restarted with nothing in memory, and replicas
 * that lie in (or ignore) state transfer. Every run requires the correct replicas that fell behind
 * to catch up; liveness is judged where {@link Families} says it can be.
 */
class StateTransferSimulationTest {

    private static final int SEEDS = 200;

    @Test
    void laggingReplicasF1(TestInfo info) {
        FamilyRunner.run(info, StateTransferFamilies::laggingReplicas, 1, 0, SEEDS);
    }

    @Test
    void laggingReplicasF2(TestInfo info) {
        FamilyRunner.run(info, StateTransferFamilies::laggingReplicas, 2, 0, SEEDS);
    }

    @Test
    void crashAndRestartF1(TestInfo info) {
        FamilyRunner.run(info, StateTransferFamilies::crashAndRestart, 1, 0, SEEDS);
    }

    @Test
    void crashAndRestartF2(TestInfo info) {
        FamilyRunner.run(info, StateTransferFamilies::crashAndRestart, 2, 0, SEEDS);
    }

    @Test
    void restartFromDiskF1(TestInfo info) {
        FamilyRunner.run(info, StateTransferFamilies::restartFromDisk, 1, 0, SEEDS);
    }

    @Test
    void restartFromDiskF2(TestInfo info) {
        FamilyRunner.run(info, StateTransferFamilies::restartFromDisk, 2, 0, SEEDS);
    }

    @Test
    void lyingStateReplierF1(TestInfo info) {
        FamilyRunner.run(info, StateTransferFamilies::lyingStateReplier, 1, 0, SEEDS);
    }

    @Test
    void lyingStateReplierF2(TestInfo info) {
        FamilyRunner.run(info, StateTransferFamilies::lyingStateReplier, 2, 0, SEEDS);
    }
}
