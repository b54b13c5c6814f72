package org.bftee.core.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bftee.core.crypto.Digest;
import org.junit.jupiter.api.Test;

class AgreementCheckerTest {

    private static Digest digest(int value) {
        byte[] bytes = new byte[Digest.LENGTH];
        Arrays.fill(bytes, (byte) value);
        return Digest.of(bytes);
    }

    @Test
    void replicasThatExecuteTheSameBatchesAgree() {
        AgreementChecker checker = AgreementChecker.allCorrect();
        for (int replica = 0; replica < 4; replica++) {
            for (long sequence = 1; sequence <= 3; sequence++) {
                checker.executed(replica, sequence, digest((int) sequence));
            }
            checker.checkpointed(replica, 3, digest(30));
        }
        checker.executed(2, 2, digest(2));

        checker.verify();
        assertEquals(List.of(), checker.violations());
    }

    @Test
    void aReplicaThatLagsOrSkipsByStateTransferStillAgrees() {
        AgreementChecker checker = AgreementChecker.allCorrect();
        checker.executed(0, 1, digest(1));
        checker.executed(0, 2, digest(2));
        checker.executed(1, 2, digest(2));

        checker.verify();
    }

    @Test
    void differentBatchesAtOneSequenceNumberAreFlaggedWithReplicasAndSequence() {
        AgreementChecker checker = AgreementChecker.allCorrect();
        checker.executed(0, 7, digest(1));
        checker.executed(1, 7, digest(1));
        checker.executed(2, 7, digest(2));

        Violation violation = assertThrows(Violation.class, checker::verify);

        assertTrue(violation.getMessage().startsWith("agreement violated: at sequence 7 replica 2 executed batch "
                + digest(2) + " but replica 0 executed batch "), violation.getMessage());
    }

    @Test
    void differentCheckpointDigestsAreFlagged() {
        AgreementChecker checker = AgreementChecker.allCorrect();
        checker.checkpointed(3, 128, digest(1));
        checker.checkpointed(1, 128, digest(9));

        assertEquals(1, checker.violations().size());
        assertTrue(checker.violations().get(0).contains("at sequence 128 replica 1 has checkpoint"));
    }

    @Test
    void aFaultyReplicaMayReportAnything() {
        AgreementChecker checker = new AgreementChecker(Set.of(3));
        checker.executed(3, 1, digest(66));
        checker.executed(0, 1, digest(1));
        checker.checkpointed(3, 1, digest(66));
        checker.checkpointed(0, 1, digest(2));

        checker.verify();
    }
}
