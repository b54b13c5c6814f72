package org.bftee.core.sim.pbft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The durability families ({@link DurabilityFamilies}) over the CI seeds at {@code f = 1} and {@code f = 2}. */
class DurabilitySimulationTest {

    private static final int SEEDS = 200;

    @Test
    void fullGroupCrashF1(TestInfo info) {
        FamilyRunner.run(info, DurabilityFamilies::fullGroupCrash, 1, 0, SEEDS);
    }

    @Test
    void fullGroupCrashF2(TestInfo info) {
        FamilyRunner.run(info, DurabilityFamilies::fullGroupCrash, 2, 0, SEEDS);
    }

    @Test
    void replicasRestartWithTheirLogF1(TestInfo info) {
        FamilyRunner.run(info, DurabilityFamilies::replicasRestartWithTheirLog, 1, 0, SEEDS);
    }

    @Test
    void replicasRestartWithTheirLogF2(TestInfo info) {
        FamilyRunner.run(info, DurabilityFamilies::replicasRestartWithTheirLog, 2, 0, SEEDS);
    }
}
