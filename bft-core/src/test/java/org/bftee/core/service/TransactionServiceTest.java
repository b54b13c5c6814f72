package org.bftee.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.bank.BankOperation;
import org.bftee.core.service.bank.BankOperations;
import org.bftee.core.service.bank.BankService;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.core.state.ObjectStoreView;
import org.junit.jupiter.api.Test;

/** Transactions run by {@link ServiceInvoker} over the shipped services: all operations or none. */
class TransactionServiceTest {

    private static final int ALICE = 1;
    private static final ObjectStoreLimits LIMITS = new ObjectStoreLimits(16, 1024, 4);

    private final ServiceHarness kv = new ServiceHarness(new KvService(KvLimits.defaults()), LIMITS);
    private final ServiceHarness bank = new ServiceHarness(new BankService(), LIMITS);

    @Test
    void aCommittedTransactionAppliesEveryOperationAndAnswersEachResult() {
        TransactionResult result = transaction(kv, put("a", "1"), put("b", "2"), get("a"));

        assertEquals(new TransactionResult.Committed(List.of(ServiceResult.ok(Bytes.EMPTY),
                ServiceResult.ok(Bytes.EMPTY), ServiceResult.ok(text("1")))), result);
        assertEquals(ServiceResult.ok(text("2")), kv.read(ALICE, get("b")).encode());
    }

    @Test
    void operationsSeeTheWritesOfTheOnesBeforeThem() {
        TransactionResult result = transaction(kv, put("a", "1"),
                KvOperations.encode(new KvOperation.CompareAndSet(text("a"), Optional.of(text("1")), text("2"))),
                get("a"));

        assertEquals(ServiceResult.ok(text("2")), ((TransactionResult.Committed) result).results().get(2));
    }

    @Test
    void aRejectedOperationAbortsTheWholeAndLeavesTheStateAsBefore() {
        kv.call(ALICE, put("a", "0"));
        List<Bytes> before = snapshot(kv.store());

        TransactionResult result = transaction(kv, put("a", "1"), put("b", "2"),
                KvOperations.encode(new KvOperation.Delete(text("missing"))), put("c", "3"));

        assertEquals(new TransactionResult.Aborted(2, ResultCode.NOT_FOUND), result);
        assertEquals(before, snapshot(kv.store()));
        assertFalse(kv.store().isAtomicOpen());
    }

    @Test
    void aTransferThatWouldOverdrawAbortsTheDepositsBeforeIt() {
        bank.call(ALICE, bank(new BankOperation.OpenAccount(1)));
        bank.call(ALICE, bank(new BankOperation.OpenAccount(2)));
        bank.call(ALICE, bank(new BankOperation.Deposit(1, 100)));
        List<Bytes> before = snapshot(bank.store());

        TransactionResult result = transaction(bank, bank(new BankOperation.Deposit(1, 50)),
                bank(new BankOperation.Transfer(1, 2, 120)), bank(new BankOperation.Transfer(1, 2, 40)));

        assertEquals(new TransactionResult.Aborted(2, ResultCode.INSUFFICIENT_FUNDS), result);
        assertEquals(before, snapshot(bank.store()));
        assertEquals(ServiceResult.ok(100), bank.read(ALICE, bank(new BankOperation.Balance(1))).encode());
    }

    @Test
    void aBankTransactionCommitsAndKeepsTheLedgerTotal() {
        TransactionResult result = transaction(bank, bank(new BankOperation.OpenAccount(1)),
                bank(new BankOperation.OpenAccount(2)), bank(new BankOperation.Deposit(1, 100)),
                bank(new BankOperation.Transfer(1, 2, 30)), bank(new BankOperation.Balance(2)));

        assertEquals(ServiceResult.ok(30), ((TransactionResult.Committed) result).results().get(4));
        assertEquals(ServiceResult.ok(100), bank.read(ALICE, bank(new BankOperation.Total())).encode());
    }

    @Test
    void malformedEnvelopesAreAnsweredWithACodeAndChangeNothing() {
        List<Bytes> before = snapshot(kv.store());
        Bytes truncated = Bytes.of(new byte[] {(byte) 0xBF, 'T', 'X', 1, 0});
        Bytes empty = Bytes.of(new byte[] {(byte) 0xBF, 'T', 'X', 1, 0, 0});

        assertEquals(ResultCode.MALFORMED, kv.call(ALICE, truncated).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, kv.call(ALICE, empty).code());
        assertEquals(before, snapshot(kv.store()));
    }

    @Test
    void aMalformedOperationInsideAbortsAtItsIndex() {
        TransactionResult result = transaction(kv, put("a", "1"), Bytes.of(new byte[] {42}));

        assertEquals(new TransactionResult.Aborted(1, ResultCode.MALFORMED), result);
        assertEquals(ResultCode.NOT_FOUND, kv.read(ALICE, get("a")).code());
    }

    @Test
    void aTransactionSentAsReadOnlyIsForbidden() {
        ServiceResult result = kv.read(ALICE, TransactionEnvelope.encode(List.of(get("a"))));

        assertEquals(ResultCode.FORBIDDEN, result.code());
    }

    @Test
    void resultsAboveTheReplyLimitAbortTheTransaction() {
        ObjectStore store = new ObjectStore(LIMITS);
        store.beginBatch(1);
        // Each GET of a 100-byte value answers 101 bytes; two of them and the framing exceed 200.
        ServiceInvoker invoker = new ServiceInvoker(new KvService(KvLimits.defaults()), 200);
        InvocationContext context = new InvocationContext(ALICE, 0, 1, false, 0, 1);
        invoker.execute(KvOperations.encode(new KvOperation.Put(text("a"), Bytes.of(new byte[100]))), context, store);

        ServiceInvoker.Outcome outcome = invoker.execute(TransactionEnvelope.encode(List.of(get("a"), get("a"))),
                context, store);

        assertEquals(new TransactionResult.Aborted(1, ResultCode.TOO_LARGE).encode(), outcome.result());
        assertTrue(outcome.failure().isEmpty());
    }

    @Test
    void aServiceBugInsideUndoesEverythingAndIsReported() {
        ObjectStore store = new ObjectStore(LIMITS);
        store.beginBatch(1);
        Service buggy = writing((operation, state) -> {
            state.write(0, operation);
            if (operation.byteAt(0) == 2) {
                throw new IllegalStateException("bug");
            }
            return ServiceResult.ok(Bytes.EMPTY);
        });

        ServiceInvoker.Outcome outcome = new ServiceInvoker(buggy, 64).execute(
                TransactionEnvelope.encode(List.of(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2}))),
                new InvocationContext(ALICE, 0, 1, false, 0, 1), store);

        assertEquals(ServiceResult.encode(ResultCode.SERVICE_FAILURE), outcome.result());
        assertEquals("bug", outcome.failure().orElseThrow().getMessage());
        assertEquals(Bytes.EMPTY, store.read(0));
        assertFalse(store.isAtomicOpen());
    }

    @Test
    void aServiceThatAnswersTransactionAbortedHasABug() {
        ObjectStore store = new ObjectStore(LIMITS);
        store.beginBatch(1);
        Service lying = writing((operation, state) -> new TransactionResult.Aborted(0, ResultCode.CONFLICT).encode());

        ServiceInvoker.Outcome outcome = new ServiceInvoker(lying, 64).execute(Bytes.of(new byte[] {1}),
                new InvocationContext(ALICE, 0, 1, false, 0, 1), store);

        assertEquals(ServiceResult.encode(ResultCode.SERVICE_FAILURE), outcome.result());
    }

    @Test
    void theLargestTransactionCommits() {
        List<Bytes> operations = new ArrayList<>(Collections.nCopies(TransactionEnvelope.OPERATIONS_MAX, put("k", "v")));

        TransactionResult result = transaction(kv, operations.toArray(Bytes[]::new));

        assertEquals(TransactionEnvelope.OPERATIONS_MAX, ((TransactionResult.Committed) result).results().size());
    }

    /** A service with no read-only operations that answers what {@code execute} says. */
    private static Service writing(BiFunction<Bytes, ObjectStoreView, Bytes> execute) {
        return new Service() {
            @Override
            public Bytes execute(Bytes operation, InvocationContext context, ObjectStoreView state) {
                return execute.apply(operation, state);
            }

            @Override
            public boolean isReadOnly(Bytes operation) {
                return false;
            }
        };
    }

    private static TransactionResult transaction(ServiceHarness harness, Bytes... operations) {
        ServiceResult answer = harness.call(ALICE, TransactionEnvelope.encode(List.of(operations)));
        return TransactionResult.decode(answer.encode()).orElseThrow();
    }

    private static List<Bytes> snapshot(ObjectStore store) {
        List<Bytes> objects = new ArrayList<>();
        for (int index = 0; index < store.objectCount(); index++) {
            objects.add(store.read(index));
        }
        return objects;
    }

    private static Bytes text(String value) {
        return Bytes.wrap(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Bytes put(String key, String value) {
        return KvOperations.encode(new KvOperation.Put(text(key), text(value)));
    }

    private static Bytes get(String key) {
        return KvOperations.encode(new KvOperation.Get(text(key)));
    }

    private static Bytes bank(BankOperation operation) {
        return BankOperations.encode(operation);
    }
}
