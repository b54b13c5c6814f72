package org.bftee.core.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStore;

/**
 * Runs one operation of a {@link Service} on the object store for the replica, enforcing the
 * service contract in one place: a read-only request gets a view that rejects writes; an operation
 * whose result is not {@link ResultCode#OK} leaves the state as before (its writes are undone, so a
 * rejected operation never half-applies); a service that throws or answers something that is not a
 * well-formed, bounded result is a bug, answered with {@link ResultCode#SERVICE_FAILURE} after its
 * writes are undone. A {@link TransactionEnvelope} runs all its operations in one atomic section
 * ({@link TransactionExecution}). Deterministic like the service it runs.
 */
public final class ServiceInvoker {

    /**
     * What an invocation produced.
     *
     * @param result  the result bytes to send to the client
     * @param failure the service bug, if there was one: the replica reports it at ERROR level and counts it
     */
    public record Outcome(Bytes result, Optional<RuntimeException> failure) {

        public Outcome {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(failure, "failure");
        }
    }

    private final Service service;
    private final int resultBytesMax;

    /** @param resultBytesMax the largest result the service may return (the protocol's reply-bytes-max) */
    public ServiceInvoker(Service service, int resultBytesMax) {
        this.service = Objects.requireNonNull(service, "service");
        if (resultBytesMax < 1) {
            throw new IllegalArgumentException("result-bytes-max must be positive, got " + resultBytesMax);
        }
        this.resultBytesMax = resultBytesMax;
    }

    /**
     * Executes {@code operation}. A read-write one must run inside a batch of {@code store}
     * ({@link ObjectStore#beginBatch(long)}) with no atomic operation open.
     */
    public Outcome execute(Bytes operation, InvocationContext context, ObjectStore store) {
        if (TransactionEnvelope.isEnvelope(operation)) {
            return executeTransaction(operation, context, store);
        }
        if (context.readOnly()) {
            return executeReadOnly(operation, context, store);
        }
        store.beginAtomic();
        Outcome outcome = invoke(() -> service.execute(operation, context, store));
        if (outcome.failure().isEmpty() && isOk(outcome.result())) {
            store.commitAtomic();
        } else {
            store.abortAtomic();
        }
        return outcome;
    }

    private Outcome executeTransaction(Bytes envelope, InvocationContext context, ObjectStore store) {
        if (context.readOnly()) {
            // A transaction exists to write atomically; reads that need no ordering go one by one.
            return new Outcome(new TransactionResult.Refused(ResultCode.FORBIDDEN).encode(), Optional.empty());
        }
        TransactionEnvelope.Decoded decoded = TransactionEnvelope.decode(envelope);
        if (decoded instanceof TransactionEnvelope.Refused refused) {
            return new Outcome(new TransactionResult.Refused(refused.code()).encode(), Optional.empty());
        }
        List<Bytes> operations = ((TransactionEnvelope.Operations) decoded).operations();
        return new TransactionExecution(operations, resultBytesMax)
                .run(operation -> invoke(() -> service.execute(operation, context, store)), store);
    }

    private Outcome executeReadOnly(Bytes operation, InvocationContext context, ObjectStore store) {
        boolean readOnly;
        try {
            readOnly = service.isReadOnly(operation);
        } catch (RuntimeException bug) {
            return failed(bug);
        }
        if (!readOnly) {
            // The client sent a write as read-only: refuse it; it can retry as a read-write request.
            return new Outcome(ServiceResult.encode(ResultCode.FORBIDDEN), Optional.empty());
        }
        return invoke(() -> service.execute(operation, context, store.readOnlyView()));
    }

    private interface Call {
        Bytes run();
    }

    /** Runs one service call and checks its result; shared by single operations and transactions. */
    private Outcome invoke(Call call) {
        Bytes result;
        try {
            result = call.run();
        } catch (RuntimeException bug) {
            return failed(bug);
        }
        if (result == null || result.isEmpty() || result.length() > resultBytesMax
                || ResultCode.fromCode(result.byteAt(0)).isEmpty()
                || result.byteAt(0) == ResultCode.SERVICE_FAILURE.code()
                || result.byteAt(0) == ResultCode.TRANSACTION_ABORTED.code()) {
            return failed(new IllegalStateException("service " + service.getClass().getName()
                    + " returned an invalid result: " + result + " (limit " + resultBytesMax + " bytes)"));
        }
        return new Outcome(result, Optional.empty());
    }

    private static boolean isOk(Bytes result) {
        return result.byteAt(0) == ResultCode.OK.code();
    }

    private static Outcome failed(RuntimeException bug) {
        return new Outcome(ServiceResult.encode(ResultCode.SERVICE_FAILURE), Optional.of(bug));
    }
}
