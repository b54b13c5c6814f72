package org.bftee.core.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LivenessCheckerTest {

    private static final RequestId A = new RequestId(1000, 0, 1);
    private static final RequestId B = new RequestId(1000, 1, 1);
    private static final RequestId C = new RequestId(1001, 0, 1);

    private final LivenessChecker checker = new LivenessChecker(500);

    @Test
    void operationsCompletingInTimeAfterFaultsStopPass() {
        checker.invoked(A, 100);
        checker.invoked(B, 1_200);
        checker.faultsStopped(1_000);
        checker.completed(A, 1_500);
        checker.completed(B, 1_700);

        checker.verify(5_000);
    }

    @Test
    void whatHappensDuringFaultsIsNotJudged() {
        checker.invoked(A, 100);
        checker.completed(A, 900);
        checker.faultsStopped(1_000);

        checker.verify(5_000);
    }

    @Test
    void anOperationStillOutstandingPastItsDeadlineIsFlagged() {
        checker.invoked(A, 100);
        checker.invoked(C, 1_400);
        checker.faultsStopped(1_000);

        assertEquals(List.of(), checker.violations(1_499), "not due yet");
        Violation violation = assertThrows(Violation.class, () -> checker.verify(1_500));
        assertEquals("liveness violated: (client 1000, lane 0, t 1) invoked at 100 ms still outstanding at 1500 ms; "
                + "faults stopped at 1000 ms, bound 500 ms", violation.getMessage());
    }

    @Test
    void anOperationCompletedLateIsFlagged() {
        checker.invoked(C, 1_400);
        checker.faultsStopped(1_000);
        checker.completed(C, 1_901);

        assertEquals(1, checker.violations(2_000).size());
        assertTrue(checker.violations(2_000).get(0).contains("completed at 1901 ms, after its deadline 1900 ms"));
    }

    @Test
    void aScenarioThatNeverSaysWhenFaultsStopIsABug() {
        checker.invoked(A, 1);

        assertThrows(IllegalStateException.class, () -> checker.verify(10));
    }
}
