package org.bftee.ra;

import jakarta.resource.spi.LocalTransactionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.TransactionEnvelope;
import org.bftee.core.service.TransactionResult;
import org.bftee.ra.api.BftException;
import org.bftee.ra.api.BftOperationTooLargeException;
import org.bftee.ra.api.BftTransactionAbortedException;

/**
 * The operations collected by one local transaction, and the stages that their callers hold, until
 * the transaction ends. It refuses an operation that would break the envelope's limits at once
 * ({@link TransactionEnvelope#OPERATIONS_MAX}, the group's request-bytes-max), keeping those
 * collected before; at the end it completes every stage, whatever the outcome. The envelope and
 * result formats are bft-core's.
 */
final class PendingTransaction {

    private final int requestBytesMax;
    private final List<Bytes> operations = new ArrayList<>();
    private final List<CompletableFuture<byte[]>> stages = new ArrayList<>();
    /** Set when the transaction ends: a caller that still held it must not add to it. */
    private boolean ended;

    PendingTransaction(int requestBytesMax) {
        this.requestBytesMax = requestBytesMax;
    }

    /**
     * @return the stage that completes with the operation's payload once the transaction commits
     * @throws LocalTransactionException if the transaction already holds its maximum of operations,
     *         or the operation is itself a transaction
     * @throws BftOperationTooLargeException if the transaction's request would exceed the group's limit
     */
    synchronized CompletableFuture<byte[]> collect(byte[] operation) throws BftException, LocalTransactionException {
        Bytes bytes = Bytes.of(operation);
        if (ended) {
            throw new LocalTransactionException("the transaction this operation was meant for has ended; the"
                    + " operation was not collected");
        }
        if (operations.size() == TransactionEnvelope.OPERATIONS_MAX) {
            throw new LocalTransactionException("a transaction holds at most " + TransactionEnvelope.OPERATIONS_MAX
                    + " operations; this one was refused and the transaction keeps the " + operations.size()
                    + " before it");
        }
        if (TransactionEnvelope.isEnvelope(bytes)) {
            throw new LocalTransactionException("the operation starts with the bytes reserved for transaction"
                    + " envelopes (0xBF 'T' 'X'), and transactions do not nest");
        }
        List<Bytes> withIt = new ArrayList<>(operations);
        withIt.add(bytes);
        long envelopeBytes = TransactionEnvelope.encodedLength(withIt);
        if (envelopeBytes > requestBytesMax) {
            throw new BftOperationTooLargeException("the transaction with this operation of " + operation.length
                    + " bytes would be a request of " + envelopeBytes + " bytes, above the group's limit of "
                    + requestBytesMax + " (limits.request-bytes-max); the operation was refused and the transaction"
                    + " keeps the " + operations.size() + " before it", envelopeBytes, requestBytesMax);
        }
        CompletableFuture<byte[]> stage = new CompletableFuture<>();
        operations.add(bytes);
        stages.add(stage);
        return stage;
    }

    /**
     * Ends the collection: later {@link #collect} calls are refused.
     *
     * @return the one request that carries every collected operation, or {@code null} if there are none
     */
    synchronized byte[] end() {
        ended = true;
        return operations.isEmpty() ? null : TransactionEnvelope.encode(operations).toByteArray();
    }

    /**
     * Completes every stage from the group's agreed answer to the envelope.
     *
     * @throws BftTransactionAbortedException if the transaction did not commit (after failing every stage with it)
     * @throws BftException if the answer is not a transaction result at all
     */
    synchronized void settle(byte[] answer) throws BftException {
        TransactionResult result = TransactionResult.decode(Bytes.of(answer)).orElseThrow(() -> fail(new BftException(
                "the group's answer to the transaction (" + answer.length + " bytes) is not a transaction result;"
                        + " do the replicas run a version of BFT-EE with transactions?")));
        if (result instanceof TransactionResult.Committed committed) {
            complete(committed.results());
            return;
        }
        if (result instanceof TransactionResult.Aborted aborted) {
            throw fail(new BftTransactionAbortedException("the transaction was aborted and none of its "
                    + operations.size() + " operations applied: operation " + aborted.index() + " answered "
                    + aborted.code(), aborted.index(), aborted.code().code()));
        }
        throw fail(new BftTransactionAbortedException("the group refused the transaction as a whole ("
                + ((TransactionResult.Refused) result).code() + "); none of its operations applied"));
    }

    /**
     * Fails every stage that is not complete with {@code failure}, for a rollback or a commit whose
     * outcome never arrived.
     *
     * @return {@code failure}, to throw
     */
    synchronized <E extends Exception> E fail(E failure) {
        ended = true;
        stages.forEach(stage -> stage.completeExceptionally(failure));
        return failure;
    }

    private void complete(List<Bytes> results) throws BftException {
        if (results.size() != stages.size()) {
            throw fail(new BftException("the group answered " + results.size() + " results to a transaction of "
                    + stages.size() + " operations"));
        }
        for (int index = 0; index < results.size(); index++) {
            try {
                stages.get(index).complete(Results.payload(results.get(index).toByteArray()));
            } catch (BftException unexpected) {
                // A committed transaction has only OK results; anything else is a service bug.
                stages.get(index).completeExceptionally(unexpected);
            }
        }
    }
}
