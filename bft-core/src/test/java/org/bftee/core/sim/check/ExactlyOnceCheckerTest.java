package org.bftee.core.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExactlyOnceCheckerTest {

    private static final RequestId OPERATION = new RequestId(1000, 2, 17);

    @Test
    void eachReplicaExecutingOnceIsFine() {
        ExactlyOnceChecker checker = ExactlyOnceChecker.allCorrect();
        checker.executed(0, 5, OPERATION);
        checker.executed(1, 5, OPERATION);
        checker.completed(OPERATION);

        checker.verify();
    }

    @Test
    void replayingTheLogAtTheSameSequenceNumberIsNotASecondExecution() {
        ExactlyOnceChecker checker = ExactlyOnceChecker.allCorrect();
        checker.executed(0, 5, OPERATION);
        checker.executed(0, 5, OPERATION);

        checker.verify();
    }

    @Test
    void executingAnOperationAtTwoSequenceNumbersIsFlagged() {
        ExactlyOnceChecker checker = ExactlyOnceChecker.allCorrect();
        checker.executed(2, 5, OPERATION);
        checker.executed(2, 9, OPERATION);

        Violation violation = assertThrows(Violation.class, checker::verify);

        assertEquals("exactly-once execution violated: replica 2 executed (client 1000, lane 2, t 17) twice, "
                + "at sequence 5 and at sequence 9", violation.getMessage());
    }

    @Test
    void aCompletedOperationNoCorrectReplicaExecutedIsFlagged() {
        ExactlyOnceChecker checker = new ExactlyOnceChecker(Set.of(3));
        checker.executed(3, 5, OPERATION);
        checker.completed(OPERATION);

        assertEquals(1, checker.violations().size());
        assertTrue(checker.violations().get(0).contains("completed (client 1000, lane 2, t 17) but no correct replica"));
    }

    @Test
    void aFaultyReplicaExecutingTwiceIsNotTheProtocolsFault() {
        ExactlyOnceChecker checker = new ExactlyOnceChecker(Set.of(3));
        checker.executed(3, 5, OPERATION);
        checker.executed(3, 6, OPERATION);

        checker.verify();
    }

    @Test
    void anExecutedOperationATrackedClientNeverIssuedIsFlagged() {
        ExactlyOnceChecker checker = ExactlyOnceChecker.allCorrect();
        checker.trackIssuesOf(1000);
        checker.issued(OPERATION);
        checker.executed(0, 5, OPERATION);
        RequestId invented = new RequestId(1000, 2, 18);
        checker.executed(1, 6, invented);

        assertEquals(List.of("replica 1 executed (client 1000, lane 2, t 18) at sequence 6 but client 1000 never issued it"),
                checker.violations());
    }

    @Test
    void operationsOfUntrackedClientsNeedNoIssue() {
        ExactlyOnceChecker checker = ExactlyOnceChecker.allCorrect();
        checker.trackIssuesOf(1001);
        checker.executed(0, 5, OPERATION);

        checker.verify();
    }
}
