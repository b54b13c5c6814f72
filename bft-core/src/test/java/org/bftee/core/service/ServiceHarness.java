package org.bftee.core.service;

import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.ObjectStoreLimits;

/**
 * Runs a service the way a replica does, for service tests: each read-write call is one batch
 * executed through {@link ServiceInvoker}; read-only calls run on the current state. A service bug
 * (a failure in the outcome) fails the test at once.
 */
public final class ServiceHarness {

    public static final int RESULT_BYTES_MAX = 1 << 20;

    private final ObjectStore store;
    private final ServiceInvoker invoker;
    private long sequence;

    public ServiceHarness(Service service, ObjectStoreLimits limits) {
        this.store = new ObjectStore(limits);
        this.invoker = new ServiceInvoker(service, RESULT_BYTES_MAX);
    }

    public ObjectStore store() {
        return store;
    }

    public long sequence() {
        return sequence;
    }

    /** Executes {@code operation} for {@code principal} as an ordered request in a batch of its own. */
    public ServiceResult call(int principal, Bytes operation) {
        sequence++;
        store.beginBatch(sequence);
        return run(operation, new InvocationContext(principal, 0, sequence, false, 1_000_000 + sequence, sequence));
    }

    /** Executes {@code operation} for {@code principal} as a read-only request. */
    public ServiceResult read(int principal, Bytes operation) {
        return run(operation, new InvocationContext(principal, 0, sequence, true, 1_000_000 + sequence, sequence));
    }

    private ServiceResult run(Bytes operation, InvocationContext context) {
        ServiceInvoker.Outcome outcome = invoker.execute(operation, context, store);
        outcome.failure().ifPresent(bug -> {
            throw new AssertionError("service failure", bug);
        });
        Optional<ServiceResult> result = ServiceResult.decode(outcome.result());
        return result.orElseThrow(() -> new AssertionError("undecodable result " + outcome.result()));
    }
}
