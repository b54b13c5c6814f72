package org.bftee.core.sim.pbft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The real replicas and clients in the simulator under attack, each family over the CI seeds at
 * {@code f = 1} and {@code f = 2} (see {@link Families} for what every run checks, and the
 * package documentation for running more seeds or replaying one).
 *
 * <p>Liveness is judged in every run that meets the precondition of {@link Families}; the tests
 * require that to be at least 90% of the seeds (65% for the equivocating primary, whose fourth
 * variant equivocates to more than {@code f} backups and is judged on safety only). The rewriting
 * primary is judged on safety only.
 */
class PbftSimulationTest {

    private static final double JUDGED_MIN = 0.9;
    private static final double JUDGED_MIN_EQUIVOCATION = 0.65;

    @Test
    void lossyNetworkF1(TestInfo info) {
        FamilyRunner.run(info, Families::lossyNetwork, 1, JUDGED_MIN);
    }

    @Test
    void lossyNetworkF2(TestInfo info) {
        FamilyRunner.run(info, Families::lossyNetwork, 2, JUDGED_MIN);
    }

    @Test
    void partitionsThatHealF1(TestInfo info) {
        FamilyRunner.run(info, Families::partitionsThatHeal, 1, JUDGED_MIN);
    }

    @Test
    void partitionsThatHealF2(TestInfo info) {
        FamilyRunner.run(info, Families::partitionsThatHeal, 2, JUDGED_MIN);
    }

    @Test
    void replayedFramesF1(TestInfo info) {
        FamilyRunner.run(info, Families::replayedFrames, 1, JUDGED_MIN);
    }

    @Test
    void replayedFramesF2(TestInfo info) {
        FamilyRunner.run(info, Families::replayedFrames, 2, JUDGED_MIN);
    }

    @Test
    void equivocatingPrimaryF1(TestInfo info) {
        FamilyRunner.run(info, Families::equivocatingPrimary, 1, JUDGED_MIN_EQUIVOCATION);
    }

    @Test
    void equivocatingPrimaryF2(TestInfo info) {
        FamilyRunner.run(info, Families::equivocatingPrimary, 2, JUDGED_MIN_EQUIVOCATION);
    }

    @Test
    void primaryWithBadMacsToSomeBackupsF1(TestInfo info) {
        FamilyRunner.run(info, Families::primaryWithBadMacsToSomeBackups, 1, JUDGED_MIN);
    }

    @Test
    void primaryWithBadMacsToSomeBackupsF2(TestInfo info) {
        FamilyRunner.run(info, Families::primaryWithBadMacsToSomeBackups, 2, JUDGED_MIN);
    }

    @Test
    void byzantineBackupF1(TestInfo info) {
        FamilyRunner.run(info, Families::byzantineBackup, 1, JUDGED_MIN);
    }

    @Test
    void byzantineBackupF2(TestInfo info) {
        FamilyRunner.run(info, Families::byzantineBackup, 2, JUDGED_MIN);
    }

    @Test
    void faultyClientF1(TestInfo info) {
        FamilyRunner.run(info, Families::faultyClient, 1, JUDGED_MIN);
    }

    @Test
    void faultyClientF2(TestInfo info) {
        FamilyRunner.run(info, Families::faultyClient, 2, JUDGED_MIN);
    }

    @Test
    void rewritingPrimaryF1(TestInfo info) {
        FamilyRunner.run(info, Families::rewritingPrimary, 1, 0);
    }

    @Test
    void rewritingPrimaryF2(TestInfo info) {
        FamilyRunner.run(info, Families::rewritingPrimary, 2, 0);
    }
}
