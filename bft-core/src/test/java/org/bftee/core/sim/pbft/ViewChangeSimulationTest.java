package org.bftee.core.sim.pbft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The view change under attack ({@link ViewChangeFamilies}): each family over the CI seeds at
 * {@code f = 1} and {@code f = 2}, and a smaller set at {@code f = 3}. Every run checks safety, and
 * liveness wherever at most {@code f} replicas are out of service, which is nearly every run.
 */
class ViewChangeSimulationTest {

    private static final double JUDGED_MIN = 0.9;
    /** Seeds at f = 3, where a run costs about five times one at f = 1. */
    private static final int F3_SEEDS = 100;

    @Test
    void crashedPrimaryF1(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::crashedPrimary, 1, JUDGED_MIN);
    }

    @Test
    void crashedPrimaryF2(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::crashedPrimary, 2, JUDGED_MIN);
    }

    @Test
    void silentPrimaryF1(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::silentPrimary, 1, JUDGED_MIN);
    }

    @Test
    void silentPrimaryF2(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::silentPrimary, 2, JUDGED_MIN);
    }

    @Test
    void partitionedPrimaryF1(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::partitionedPrimary, 1, JUDGED_MIN);
    }

    @Test
    void partitionedPrimaryF2(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::partitionedPrimary, 2, JUDGED_MIN);
    }

    @Test
    void equivocatingPrimaryF1(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::equivocatingPrimary, 1, JUDGED_MIN);
    }

    @Test
    void equivocatingPrimaryF2(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::equivocatingPrimary, 2, JUDGED_MIN);
    }

    @Test
    void consecutiveFaultyPrimariesF2(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::consecutiveFaultyPrimaries, 2, JUDGED_MIN);
    }

    @Test
    void consecutiveFaultyPrimariesF3(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::consecutiveFaultyPrimaries, 3, JUDGED_MIN, F3_SEEDS);
    }

    @Test
    void crashedPrimaryF3(TestInfo info) {
        FamilyRunner.run(info, ViewChangeFamilies::crashedPrimary, 3, JUDGED_MIN, F3_SEEDS);
    }
}
