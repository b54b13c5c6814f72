package org.bftee.core.replica;

/**
 * Counters of one replica: what it executed and what it dropped, per reason. Owned by the
 * replica's thread like the rest of its state; the runtime copies them out for metrics.
 */
public final class ReplicaCounters {

    private final long[] dropped = new long[DropReason.values().length];
    private long requestsExecuted;
    private long batchesExecuted;
    private long tentativeExecutions;
    private long readOnlyExecuted;
    private long serviceFailures;
    private long checkpointsStable;

    void drop(DropReason reason) {
        dropped[reason.ordinal()]++;
    }

    void requestExecuted() {
        requestsExecuted++;
    }

    void batchExecuted(boolean tentative) {
        batchesExecuted++;
        if (tentative) {
            tentativeExecutions++;
        }
    }

    void readOnlyRequestExecuted() {
        readOnlyExecuted++;
    }

    void serviceFailure() {
        serviceFailures++;
    }

    void checkpointStable() {
        checkpointsStable++;
    }

    public long dropped(DropReason reason) {
        return dropped[reason.ordinal()];
    }

    public long droppedTotal() {
        long total = 0;
        for (long count : dropped) {
            total += count;
        }
        return total;
    }

    public long requestsExecuted() {
        return requestsExecuted;
    }

    public long batchesExecuted() {
        return batchesExecuted;
    }

    public long tentativeExecutions() {
        return tentativeExecutions;
    }

    public long readOnlyExecuted() {
        return readOnlyExecuted;
    }

    public long serviceFailures() {
        return serviceFailures;
    }

    public long checkpointsStable() {
        return checkpointsStable;
    }
}
