package org.bftee.core.sim.pbft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Staggered proactive recoveries of every replica ({@link RecoveryFamilies}), with and without a key thief, over the CI seeds. */
class RecoverySimulationTest {

    private static final int SEEDS = 200;

    @Test
    void staggeredRecoveriesF1(TestInfo info) {
        FamilyRunner.run(info, RecoveryFamilies::staggeredRecoveries, 1, 0, SEEDS);
    }

    @Test
    void staggeredRecoveriesF2(TestInfo info) {
        FamilyRunner.run(info, RecoveryFamilies::staggeredRecoveries, 2, 0, SEEDS);
    }

    @Test
    void stolenKeysF1(TestInfo info) {
        FamilyRunner.run(info, RecoveryFamilies::stolenKeys, 1, 0, SEEDS);
    }

    @Test
    void stolenKeysF2(TestInfo info) {
        FamilyRunner.run(info, RecoveryFamilies::stolenKeys, 2, 0, SEEDS);
    }
}
