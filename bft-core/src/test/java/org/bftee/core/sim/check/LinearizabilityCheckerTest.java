package org.bftee.core.sim.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvOperation;
import org.junit.jupiter.api.Test;

/** Synthetic key-value histories, good and bad; every bad one must be flagged, naming its key. */
class LinearizabilityCheckerTest {

    private static final Bytes OK = ServiceResult.ok(Bytes.EMPTY);
    private static final Bytes NOT_FOUND = ServiceResult.encode(ResultCode.NOT_FOUND);
    private static final Bytes CONFLICT = ServiceResult.encode(ResultCode.CONFLICT);
    private static final Bytes FULL = ServiceResult.encode(ResultCode.FULL);

    private final KvHistory history = new KvHistory();
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private static Bytes text(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static Bytes value(String value) {
        return ServiceResult.ok(text(value));
    }

    private static KvOperation put(String key, String value) {
        return new KvOperation.Put(text(key), text(value));
    }

    private static KvOperation get(String key) {
        return new KvOperation.Get(text(key));
    }

    private static KvOperation delete(String key) {
        return new KvOperation.Delete(text(key));
    }

    private static KvOperation cas(String key, String expected, String value) {
        return new KvOperation.CompareAndSet(text(key), Optional.ofNullable(expected).map(
                LinearizabilityCheckerTest::text), text(value));
    }

    private void call(int client, KvOperation operation, long invokedAt, Bytes result, long respondedAt) {
        history.respond(history.invoke(client, operation, invokedAt), result, respondedAt);
    }

    private void assertLinearizable() {
        assertInstanceOf(LinearizabilityResult.Linearizable.class, checker.check(history));
        checker.verify(history);
    }

    private String assertViolation(String key) {
        Violation violation = assertThrows(Violation.class, () -> checker.verify(history));
        assertTrue(violation.getMessage().startsWith("linearizability violated on key '" + key + "': "),
                violation.getMessage());
        return violation.getMessage();
    }

    @Test
    void aSequentialHistoryIsLinearizable() {
        call(1, get("x"), 0, NOT_FOUND, 1);
        call(1, put("x", "1"), 2, OK, 3);
        call(2, get("x"), 4, value("1"), 5);
        call(2, cas("x", "1", "2"), 6, OK, 7);
        call(1, cas("x", "1", "3"), 8, CONFLICT, 9);
        call(1, delete("x"), 10, OK, 11);
        call(2, delete("x"), 12, NOT_FOUND, 13);

        assertLinearizable();
    }

    @Test
    void concurrentWritesMayTakeEffectInEitherOrder() {
        call(1, put("x", "1"), 0, OK, 10);
        call(2, put("x", "2"), 5, OK, 15);
        call(3, get("x"), 20, value("1"), 30);

        assertLinearizable();
    }

    @Test
    void readsOverlappingAWriteMaySeeOldOrNewValue() {
        call(1, put("x", "1"), 0, OK, 5);
        call(2, put("x", "2"), 10, OK, 20);
        call(3, get("x"), 13, value("2"), 18);
        call(4, get("x"), 15, value("1"), 19);

        assertLinearizable();
    }

    @Test
    void aPendingWriteMayTakeEffectOrNot() {
        call(1, put("x", "1"), 0, OK, 5);
        history.invoke(2, put("x", "2"), 10);
        call(3, get("x"), 20, value("1"), 30);
        call(3, get("x"), 40, value("2"), 50);

        assertLinearizable();
    }

    @Test
    void resultsThatDependOnOtherKeysChangeNothing() {
        call(1, put("x", "1"), 0, OK, 5);
        call(2, put("x", "big"), 10, FULL, 20);
        call(3, get("x"), 30, value("1"), 40);

        assertLinearizable();
    }

    @Test
    void keysAreCheckedIndependently() {
        call(1, put("x", "1"), 0, OK, 10);
        call(1, put("y", "1"), 0, OK, 10);
        call(2, get("y"), 20, value("1"), 30);
        call(2, get("x"), 20, value("1"), 30);

        assertInstanceOf(LinearizabilityResult.Linearizable.class, checker.check(history));
        assertEquals(2, ((LinearizabilityResult.Linearizable) checker.check(history)).keys());
    }

    @Test
    void aStaleReadIsFlagged() {
        call(1, put("x", "1"), 0, OK, 10);
        call(1, put("x", "2"), 20, OK, 30);
        call(2, get("x"), 40, value("1"), 50);

        String message = assertViolation("x");
        assertTrue(message.contains("#2 client 2 get('x') -> OK '1' [40, 50] ms"), message);
    }

    @Test
    void aLostWriteIsFlagged() {
        call(1, put("k", "1"), 0, OK, 10);
        call(2, get("k"), 20, NOT_FOUND, 30);

        assertViolation("k");
    }

    @Test
    void aLostUpdateIsFlagged() {
        call(1, cas("counter", null, "1"), 0, OK, 10);
        call(2, cas("counter", null, "1"), 5, OK, 15);

        assertViolation("counter");
    }

    @Test
    void aReadFromTheFutureIsFlagged() {
        call(1, get("x"), 0, value("1"), 5);
        call(2, put("x", "1"), 10, OK, 20);

        assertViolation("x");
    }

    @Test
    void readsThatGoBackInTimeAreFlagged() {
        call(1, put("x", "1"), 0, OK, 100);
        call(2, put("x", "2"), 0, OK, 100);
        call(3, get("x"), 10, value("2"), 20);
        call(3, get("x"), 30, value("1"), 40);
        call(3, get("x"), 50, value("2"), 60);

        assertViolation("x");
    }

    @Test
    void anUndecodableResultIsFlagged() {
        call(1, get("x"), 0, Bytes.EMPTY, 10);

        assertViolation("x");
    }

    @Test
    void theSearchGivesUpAtItsBoundAndSaysSo() {
        for (int client = 0; client < 12; client++) {
            call(client, put("x", "v" + client), 0, OK, 1_000);
        }
        call(99, get("x"), 2_000, value("none of them"), 2_001);

        LinearizabilityResult result = new LinearizabilityChecker(100).check(history);

        assertInstanceOf(LinearizabilityResult.Inconclusive.class, result);
        Violation violation = assertThrows(Violation.class, () -> new LinearizabilityChecker(100).verify(history));
        assertTrue(violation.getMessage().contains("undecided after"), violation.getMessage());
    }

    @Test
    void manyConcurrentCallsAreDecidedWithinTheDefaultBound() {
        for (int client = 0; client < 12; client++) {
            call(client, put("x", "v" + client), 0, OK, 1_000);
        }
        call(99, get("x"), 2_000, value("none of them"), 2_001);

        assertViolation("x");
    }

    @Test
    void scansAreNotPartOfAPerKeyHistory() {
        assertThrows(IllegalArgumentException.class,
                () -> history.invoke(1, new KvOperation.Scan(Bytes.EMPTY, Bytes.EMPTY, 10), 0));
    }
}
