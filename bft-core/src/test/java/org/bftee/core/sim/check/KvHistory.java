package org.bftee.core.sim.check;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvOperation;

/**
 * The history of key-value operations clients invoked and the results they accepted, on virtual
 * time, for the {@link LinearizabilityChecker}. Single-threaded, like the simulation.
 */
public final class KvHistory {

    private final List<KvCall> calls = new ArrayList<>();

    /**
     * Records that {@code client} invoked {@code operation} at {@code timeMillis}; returns the call's id.
     *
     * @throws IllegalArgumentException for a scan: it spans keys, and the checker works per key
     */
    public int invoke(int client, KvOperation operation, long timeMillis) {
        KvCall.keyOf(operation);
        int id = calls.size();
        calls.add(new KvCall(id, client, operation, timeMillis, null, KvCall.PENDING));
        return id;
    }

    /** Records that call {@code id} completed at {@code timeMillis} with {@code result} (a service result). */
    public void respond(int id, Bytes result, long timeMillis) {
        KvCall call = calls.get(id);
        if (!call.isPending()) {
            throw new IllegalStateException("call " + id + " already has a response");
        }
        if (timeMillis < call.invokedAtMillis()) {
            throw new IllegalArgumentException("call " + id + " responds at " + timeMillis + " ms, before its invocation");
        }
        calls.set(id, new KvCall(id, call.client(), call.operation(), call.invokedAtMillis(), result, timeMillis));
    }

    /** Every call, in invocation order. */
    public List<KvCall> calls() {
        return List.copyOf(calls);
    }
}
