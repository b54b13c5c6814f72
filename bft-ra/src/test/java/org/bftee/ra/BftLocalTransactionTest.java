package org.bftee.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.TransactionEnvelope;
import org.bftee.core.service.TransactionResult;
import org.bftee.ra.api.BftLocalTransaction;
import org.bftee.ra.api.BftOperationTooLargeException;
import org.bftee.ra.api.BftTimeoutException;
import org.bftee.ra.api.BftTransactionAbortedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local transaction life cycle of a managed connection, over a session that answers a
 * transaction envelope the way the replicas do when every operation succeeds (each operation's
 * payload is the operation itself), or as the test says. What the replicas really do with envelopes is tested in bft-core and against
 * a running group ({@link LocalGroupTransactionTest}).
 */
class BftLocalTransactionTest {

    private static final byte[] FIRST = {1};
    private static final byte[] SECOND = {2, 2};

    private final FakeClientSession session = new FakeClientSession();
    private final RecordingListener listener = new RecordingListener();
    private BftManagedConnection connection;
    private BftConnectionImpl handle;

    @BeforeEach
    void open() throws Exception {
        connection = new BftManagedConnection(TestFactories.configured(), session);
        connection.addConnectionEventListener(listener);
        handle = connection.getConnection(null, null);
        session.outcome = (operation, readOnly) -> {
            if (!TransactionEnvelope.isEnvelope(Bytes.of(operation))) {
                return ServiceResult.ok(Bytes.of(operation)).toByteArray();
            }
            TransactionEnvelope.Operations operations =
                    (TransactionEnvelope.Operations) TransactionEnvelope.decode(Bytes.of(operation));
            return new TransactionResult.Committed(operations.operations().stream().map(ServiceResult::ok).toList())
                    .encode().toByteArray();
        };
    }

    @Test
    void operationsAreSentAtCommitAsOneEnvelopeAndTheirStagesCompleteThen() throws Exception {
        LocalTransaction transaction = connection.getLocalTransaction();
        transaction.begin();
        CompletableFuture<byte[]> first = handle.invokeAsync(FIRST);
        CompletableFuture<byte[]> second = handle.invokeReadOnlyAsync(SECOND);

        assertTrue(session.sent.isEmpty());
        assertTrue(!first.isDone() && !second.isDone());

        transaction.commit();

        assertEquals(1, session.sent.size());
        assertEquals(Boolean.FALSE, session.lastReadOnly);
        assertEquals(List.of(Bytes.of(FIRST), Bytes.of(SECOND)), assertInstanceOf(TransactionEnvelope.Operations.class,
                TransactionEnvelope.decode(Bytes.of(session.sent.get(0)))).operations());
        assertArrayEquals(FIRST, first.getNow(null));
        assertArrayEquals(SECOND, second.getNow(null));
    }

    @Test
    void theContainersDemarcationFiresNoEvents() throws Exception {
        LocalTransaction transaction = connection.getLocalTransaction();
        transaction.begin();
        handle.invokeAsync(FIRST);
        transaction.commit();
        transaction.begin();
        transaction.rollback();

        assertTrue(listener.events.isEmpty());
    }

    @Test
    void theApplicationsDemarcationTellsTheContainer() throws Exception {
        BftLocalTransaction transaction = handle.localTransaction();
        transaction.begin();
        handle.invokeAsync(FIRST);
        transaction.commit();
        transaction.begin();
        transaction.rollback();

        assertEquals(List.of(ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_COMMITTED,
                ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK), eventIds());
        listener.events.forEach(event -> assertSame(handle, event.getConnectionHandle()));
    }

    @Test
    void aRollbackSendsNothingAndFailsTheStages() throws Exception {
        LocalTransaction transaction = connection.getLocalTransaction();
        transaction.begin();
        CompletableFuture<byte[]> first = handle.invokeAsync(FIRST);

        transaction.rollback();

        assertTrue(session.sent.isEmpty());
        assertAborted(first).operationIndex().ifPresent(index -> {
            throw new AssertionError("a rollback names no operation, got " + index);
        });
        assertArrayEquals(FIRST, handle.invoke(FIRST), "after the rollback, invocations go out at once again");
    }

    @Test
    void anAbortedTransactionFailsEveryStageAndTheCommitWithTheOperationThatAbortedIt() throws Exception {
        session.outcome = (operation, readOnly) ->
                new TransactionResult.Aborted(1, ResultCode.INSUFFICIENT_FUNDS).encode().toByteArray();
        BftLocalTransaction transaction = handle.localTransaction();
        transaction.begin();
        CompletableFuture<byte[]> first = handle.invokeAsync(FIRST);
        CompletableFuture<byte[]> second = handle.invokeAsync(SECOND);

        BftTransactionAbortedException aborted = assertThrows(BftTransactionAbortedException.class, transaction::commit);

        assertEquals(1, aborted.operationIndex().orElseThrow());
        assertEquals(ResultCode.INSUFFICIENT_FUNDS.code(), aborted.resultCode().orElseThrow());
        assertTrue(aborted.getMessage().contains("operation 1 answered INSUFFICIENT_FUNDS"), aborted.getMessage());
        assertSame(aborted, assertAborted(first));
        assertSame(aborted, assertAborted(second));
        assertEquals(ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK, eventIds().get(eventIds().size() - 1));
    }

    @Test
    void aTransactionRefusedAsAWholeAbortsIt() throws Exception {
        session.outcome = (operation, readOnly) -> ServiceResult.encode(ResultCode.MALFORMED).toByteArray();
        LocalTransaction transaction = connection.getLocalTransaction();
        transaction.begin();
        CompletableFuture<byte[]> first = handle.invokeAsync(FIRST);

        BftTransactionAbortedException aborted = assertThrows(BftTransactionAbortedException.class, transaction::commit);

        assertTrue(aborted.getMessage().contains("MALFORMED"), aborted.getMessage());
        assertSame(aborted, assertAborted(first));
    }

    @Test
    void aCommitWhoseOutcomeNeverArrivedFailsTheStagesWithThatFailure() throws Exception {
        BftTimeoutException timeout = new BftTimeoutException("no agreed result within 30000 ms", 30_000);
        session.outcome = (operation, readOnly) -> {
            throw timeout;
        };
        LocalTransaction transaction = connection.getLocalTransaction();
        transaction.begin();
        CompletableFuture<byte[]> first = handle.invokeAsync(FIRST);

        assertSame(timeout, assertThrows(BftTimeoutException.class, transaction::commit));
        assertSame(timeout, assertThrows(ExecutionException.class, first::get).getCause());
    }

    @Test
    void anEmptyTransactionSendsNothing() throws Exception {
        LocalTransaction transaction = connection.getLocalTransaction();
        transaction.begin();
        transaction.commit();

        assertTrue(session.sent.isEmpty());
    }

    @Test
    void aBlockingInvocationInsideATransactionFailsAtOnceAndSaysWhatToUse() throws Exception {
        connection.getLocalTransaction().begin();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> handle.invoke(FIRST));
        assertTrue(refused.getMessage().contains("use invokeAsync"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> handle.invokeReadOnly(FIRST));
        assertThrows(IllegalStateException.class, () -> handle.kv().put(FIRST, SECOND));
        assertThrows(IllegalStateException.class, () -> handle.bank().balance(7));
        assertTrue(session.sent.isEmpty());
    }

    @Test
    void theOperationBeyondTheLimitIsRefusedAndTheOthersStillCommit() throws Exception {
        session.requestBytesMax = 1 << 20;
        LocalTransaction transaction = connection.getLocalTransaction();
        transaction.begin();
        List<CompletableFuture<byte[]>> stages = new ArrayList<>();
        for (int i = 0; i < TransactionEnvelope.OPERATIONS_MAX; i++) {
            stages.add(handle.invokeAsync(new byte[] {(byte) i}));
        }

        LocalTransactionException refused = assertThrows(LocalTransactionException.class,
                () -> handle.invokeAsync(FIRST));
        assertTrue(refused.getMessage().contains("at most " + TransactionEnvelope.OPERATIONS_MAX), refused.getMessage());

        transaction.commit();
        assertArrayEquals(new byte[] {63}, stages.get(63).getNow(null));
    }

    @Test
    void anOperationThatWouldMakeTheRequestTooLargeIsRefusedAndTheOthersStillCommit() throws Exception {
        session.requestBytesMax = 32;
        LocalTransaction transaction = connection.getLocalTransaction();
        transaction.begin();
        CompletableFuture<byte[]> first = handle.invokeAsync(new byte[10]);

        BftOperationTooLargeException refused =
                assertThrows(BftOperationTooLargeException.class, () -> handle.invokeAsync(new byte[10]));
        assertEquals(34, refused.sizeBytes());
        assertEquals(32, refused.limitBytes());

        transaction.commit();
        assertArrayEquals(new byte[10], first.getNow(null));
    }

    @Test
    void demarcationOutOfOrderIsRefused() throws Exception {
        LocalTransaction transaction = connection.getLocalTransaction();
        assertThrows(LocalTransactionException.class, transaction::commit);
        assertThrows(LocalTransactionException.class, transaction::rollback);
        transaction.begin();
        assertThrows(LocalTransactionException.class, transaction::begin);
        assertThrows(LocalTransactionException.class, () -> handle.localTransaction().begin());
    }

    @Test
    void cleanupDiscardsATransactionTheContainerLeftOpen() throws Exception {
        connection.getLocalTransaction().begin();
        CompletableFuture<byte[]> first = handle.invokeAsync(FIRST);

        connection.cleanup();

        assertAborted(first);
        assertTrue(session.sent.isEmpty());
        connection.getLocalTransaction().begin();
    }

    @Test
    void aHandleMovedToAnotherConnectionLeavesTheTransactionBehind() throws Exception {
        BftManagedConnection other = new BftManagedConnection(TestFactories.configured(), session);
        connection.getLocalTransaction().begin();

        other.associateConnection(handle);

        assertArrayEquals(FIRST, handle.invoke(FIRST));
    }

    @Test
    void aTransactionThatEndedTakesNoMoreOperations() throws Exception {
        PendingTransaction pending = new PendingTransaction(1024);
        pending.collect(FIRST);
        pending.end();

        LocalTransactionException refused = assertThrows(LocalTransactionException.class, () -> pending.collect(SECOND));
        assertTrue(refused.getMessage().contains("has ended"), refused.getMessage());
    }

    private List<Integer> eventIds() {
        return listener.events.stream().map(ConnectionEvent::getId).toList();
    }

    private static BftTransactionAbortedException assertAborted(CompletableFuture<byte[]> stage) {
        return assertInstanceOf(BftTransactionAbortedException.class,
                assertThrows(ExecutionException.class, stage::get).getCause());
    }
}
