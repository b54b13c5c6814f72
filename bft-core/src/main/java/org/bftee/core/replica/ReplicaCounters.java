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
    private long viewChangesStarted;
    private long viewChangeStreakMax;
    private long viewsInstalled;
    private long tentativeBatchesUndone;
    private long newViewCheckpointsMissing;

    private long checkpointsFetched;
    private long objectsFetched;
    private long stateBytesFetched;
    private long partitionsFetched;
    private long fetchesSent;
    private long fetchRepliesSent;

    private long recoveriesStarted;
    private long recoveriesCompleted;
    private long lastRecoveryMillis = -1;
    private long longestRecoveryMillis = -1;

    void recoveryStarted() {
        recoveriesStarted++;
    }

    void recovered(long durationMillis) {
        recoveriesCompleted++;
        lastRecoveryMillis = durationMillis;
        longestRecoveryMillis = Math.max(longestRecoveryMillis, durationMillis);
    }

    public long recoveriesStarted() {
        return recoveriesStarted;
    }

    public long recoveriesCompleted() {
        return recoveriesCompleted;
    }

    /** How long the last completed recovery took, by the replica's clock, or -1. */
    public long lastRecoveryMillis() {
        return lastRecoveryMillis;
    }

    public long longestRecoveryMillis() {
        return longestRecoveryMillis;
    }

    private long stateCorruptionsDetected;

    void stateCorruptionDetected() {
        stateCorruptionsDetected++;
    }

    /** Checkpoints at which f + 1 other replicas took another state than this one (it then repaired its own). */
    public long stateCorruptionsDetected() {
        return stateCorruptionsDetected;
    }

    void checkpointFetched() {
        checkpointsFetched++;
    }

    void stateFetched(boolean object, long bytes) {
        if (object) {
            objectsFetched++;
        } else {
            partitionsFetched++;
        }
        stateBytesFetched += bytes;
    }

    void fetchSent() {
        fetchesSent++;
    }

    void fetchAnswered() {
        fetchRepliesSent++;
    }

    /** Checkpoints installed by state transfer. */
    public long checkpointsFetched() {
        return checkpointsFetched;
    }

    /** Objects received by state transfer and found matching their certified digest. */
    public long objectsFetched() {
        return objectsFetched;
    }

    /** Partitions (META-DATA) received by state transfer and found matching their certified digest. */
    public long partitionsFetched() {
        return partitionsFetched;
    }

    /** Bytes of object values and partition summaries accepted by state transfer. */
    public long stateBytesFetched() {
        return stateBytesFetched;
    }

    public long fetchesSent() {
        return fetchesSent;
    }

    /** META-DATA, META-DATA-DIGEST and DATA messages sent to fetching replicas. */
    public long fetchRepliesSent() {
        return fetchRepliesSent;
    }

    private long droppedTotal;
    private long clientsBarredFromViewChanges;
    private long slowPrimarySuspicions;

    /** A client's requests caused f + 1 view changes in a row: for a while they arm no view-change timer here. */
    void clientBarredFromViewChanges() {
        clientsBarredFromViewChanges++;
    }

    /** Times a client was barred from causing view changes ({@link ClientBlame}). */
    public long clientsBarredFromViewChanges() {
        return clientsBarredFromViewChanges;
    }

    void slowPrimarySuspected() {
        slowPrimarySuspicions++;
    }

    /** Times this backup left a view because its primary was far slower than the group had been ({@link PrimaryMonitor}). */
    public long slowPrimarySuspicions() {
        return slowPrimarySuspicions;
    }

    void drop(DropReason reason) {
        dropped[reason.ordinal()]++;
        droppedTotal++;
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

    /** A VIEW-CHANGE went out, the {@code streak}-th since a request last executed. */
    void viewChangeStarted(int streak) {
        viewChangesStarted++;
        viewChangeStreakMax = Math.max(viewChangeStreakMax, streak);
    }

    /** The most consecutive view changes (with no request executed between them) this replica went through. */
    public long viewChangeStreakMax() {
        return viewChangeStreakMax;
    }

    void viewInstalled() {
        viewsInstalled++;
    }

    void tentativeBatchUndone() {
        tentativeBatchesUndone++;
    }

    void newViewCheckpointMissing() {
        newViewCheckpointsMissing++;
    }

    /** VIEW-CHANGE messages this replica sent: each a move to a higher view. */
    public long viewChangesStarted() {
        return viewChangesStarted;
    }

    /** Views installed through a NEW-VIEW (sent as the new primary, or accepted as a backup). */
    public long viewsInstalled() {
        return viewsInstalled;
    }

    /** Tentatively executed batches rolled back because a new view did not keep them. */
    public long tentativeBatchesUndone() {
        return tentativeBatchesUndone;
    }

    /**
     * New views whose checkpoint this replica did not have (it was behind, or its state differed):
     * it keeps voting but executes nothing until state transfer brings the checkpoint.
     */
    public long newViewCheckpointsMissing() {
        return newViewCheckpointsMissing;
    }

    void checkpointStable() {
        checkpointsStable++;
    }

    public long dropped(DropReason reason) {
        return dropped[reason.ordinal()];
    }

    /** Every drop, whatever the reason; kept as it happens, since the runtime reads it after every message. */
    public long droppedTotal() {
        return droppedTotal;
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
