package org.bftee.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStore;

/**
 * Executes the operations of one {@link TransactionEnvelope} for {@link ServiceInvoker}: in order,
 * inside one atomic section of the object store, so that each operation sees the writes of the
 * ones before it and a failure of any of them undoes them all. It stops at the first operation
 * whose result is not {@code OK} (the answer names it, {@link TransactionResult.Aborted}), at a
 * service bug (answered {@code SERVICE_FAILURE}, as for a single operation) and when the results
 * together would exceed the reply limit (aborted with {@code TOO_LARGE} at the operation that
 * crossed it). Deterministic like the service.
 */
final class TransactionExecution {

    private final List<Bytes> operations;
    private final int resultBytesMax;

    TransactionExecution(List<Bytes> operations, int resultBytesMax) {
        this.operations = operations;
        this.resultBytesMax = resultBytesMax;
    }

    /**
     * @param invoke runs one operation on the store and checks its result, as {@link ServiceInvoker} does
     * @param store  with a batch open and no atomic operation
     */
    ServiceInvoker.Outcome run(Function<Bytes, ServiceInvoker.Outcome> invoke, ObjectStore store) {
        store.beginAtomic();
        List<Bytes> results = new ArrayList<>(operations.size());
        for (int index = 0; index < operations.size(); index++) {
            ServiceInvoker.Outcome outcome = invoke.apply(operations.get(index));
            if (outcome.failure().isPresent()) {
                store.abortAtomic();
                return outcome;
            }
            Bytes result = outcome.result();
            if (result.byteAt(0) != ResultCode.OK.code()) {
                ResultCode code = ResultCode.fromCode(result.byteAt(0)).orElseThrow();
                return abort(store, new TransactionResult.Aborted(index, code));
            }
            results.add(result);
            if (TransactionResult.Committed.lengthOf(results) > resultBytesMax) {
                return abort(store, new TransactionResult.Aborted(index, ResultCode.TOO_LARGE));
            }
        }
        store.commitAtomic();
        return new ServiceInvoker.Outcome(new TransactionResult.Committed(results).encode(), Optional.empty());
    }

    private static ServiceInvoker.Outcome abort(ObjectStore store, TransactionResult.Aborted aborted) {
        store.abortAtomic();
        return new ServiceInvoker.Outcome(aborted.encode(), Optional.empty());
    }
}
