package org.bftee.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.core.state.ObjectStoreView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceInvokerTest {

    private static final Bytes ONE = Bytes.of(new byte[] {1});
    private static final InvocationContext ORDERED = new InvocationContext(1, 0, 1, false, 0, 1);
    private static final InvocationContext READ_ONLY = new InvocationContext(1, 0, 1, true, 0, 1);

    private final ObjectStore store = new ObjectStore(new ObjectStoreLimits(4, 16, 4));

    @BeforeEach
    void openBatch() {
        store.beginBatch(1);
    }

    /** A service that writes object 0 and then answers what {@code answer} says. */
    private static Service writingThen(boolean readOnly, BiFunction<Bytes, ObjectStoreView, Bytes> answer) {
        return new Service() {
            @Override
            public Bytes execute(Bytes operation, InvocationContext context, ObjectStoreView state) {
                state.write(0, ONE);
                return answer.apply(operation, state);
            }

            @Override
            public boolean isReadOnly(Bytes operation) {
                return readOnly;
            }
        };
    }

    private ServiceInvoker.Outcome run(Service service, InvocationContext context) {
        return new ServiceInvoker(service, 8).execute(Bytes.EMPTY, context, store);
    }

    @Test
    void okResultKeepsTheWrites() {
        ServiceInvoker.Outcome outcome = run(writingThen(false, (op, s) -> ServiceResult.ok(Bytes.EMPTY)), ORDERED);
        assertEquals(ServiceResult.ok(Bytes.EMPTY), outcome.result());
        assertTrue(outcome.failure().isEmpty());
        assertEquals(ONE, store.read(0));
        assertFalse(store.isAtomicOpen());
    }

    @Test
    void rejectedOperationLeavesStateAsBefore() {
        ServiceInvoker.Outcome outcome = run(writingThen(false, (op, s) -> ServiceResult.encode(ResultCode.CONFLICT)),
                ORDERED);
        assertEquals(ServiceResult.encode(ResultCode.CONFLICT), outcome.result());
        assertTrue(outcome.failure().isEmpty());
        assertEquals(Bytes.EMPTY, store.read(0));
    }

    @Test
    void throwingServiceIsReportedAndUndone() {
        ServiceInvoker.Outcome outcome = run(writingThen(false, (op, s) -> {
            throw new IllegalStateException("bug");
        }), ORDERED);
        assertEquals(ServiceResult.encode(ResultCode.SERVICE_FAILURE), outcome.result());
        assertEquals("bug", outcome.failure().orElseThrow().getMessage());
        assertEquals(Bytes.EMPTY, store.read(0));
        assertFalse(store.isAtomicOpen());
    }

    @Test
    void invalidResultsAreServiceFailures() {
        for (Bytes invalid : new Bytes[] {null, Bytes.EMPTY, Bytes.of(new byte[] {99}), Bytes.of(new byte[9]),
                ServiceResult.encode(ResultCode.SERVICE_FAILURE)}) {
            ServiceInvoker.Outcome outcome = run(writingThen(false, (op, s) -> invalid), ORDERED);
            assertEquals(ServiceResult.encode(ResultCode.SERVICE_FAILURE), outcome.result());
            assertTrue(outcome.failure().isPresent());
            assertEquals(Bytes.EMPTY, store.read(0));
        }
    }

    @Test
    void readOnlyRequestForAWriteIsForbiddenWithoutExecuting() {
        ServiceInvoker.Outcome outcome = run(writingThen(false, (op, s) -> ServiceResult.ok(Bytes.EMPTY)), READ_ONLY);
        assertEquals(ServiceResult.encode(ResultCode.FORBIDDEN), outcome.result());
        assertTrue(outcome.failure().isEmpty());
        assertEquals(Bytes.EMPTY, store.read(0));
    }

    @Test
    void serviceThatWritesDuringAReadOnlyRequestFails() {
        ServiceInvoker.Outcome outcome = run(writingThen(true, (op, s) -> ServiceResult.ok(Bytes.EMPTY)), READ_ONLY);
        assertEquals(ServiceResult.encode(ResultCode.SERVICE_FAILURE), outcome.result());
        assertTrue(outcome.failure().orElseThrow() instanceof IllegalStateException);
        assertEquals(Bytes.EMPTY, store.read(0));
    }
}
