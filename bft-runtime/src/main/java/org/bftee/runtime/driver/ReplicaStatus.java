package org.bftee.runtime.driver;

import org.bftee.core.replica.Replica;

/**
 * A snapshot of one replica's state taken on its owner thread after each batch of events, for
 * other threads (tests, logs, management): never the live core.
 *
 * @param eventsDropped      events refused because the owner's queue was full
 * @param fetchingState      whether state transfer is bringing a checkpoint this replica lacks
 * @param checkpointsFetched checkpoints installed by state transfer
 * @param stateBytesFetched  bytes of objects and partition summaries state transfer accepted
 * @param sessionKeys        NEW-KEY messages sent with fresh keys, and peers' accepted and refused
 * @param recovery           the replica's proactive recoveries
 * @param failure            the bug that stopped the owner thread, or null while it runs
 */
public record ReplicaStatus(int id, long view, boolean viewActive, long lastExecuted, long lastCommitted,
                            long lowWaterMark, long requestsExecuted, long viewChangesStarted, long eventsDropped,
                            boolean fetchingState, long checkpointsFetched, long stateBytesFetched,
                            KeyRefreshCounts sessionKeys, Recoveries recovery, Throwable failure) {

    /**
     * @param recovering         whether a recovery runs now
     * @param completed          recoveries finished since start
     * @param lastMillis         how long the last finished recovery took, or -1
     * @param longestMillis      the longest recovery since start, or -1
     * @param corruptionsFound   checkpoints at which this replica's state was found not to be the group's
     */
    public record Recoveries(boolean recovering, long completed, long lastMillis, long longestMillis,
                             long corruptionsFound) {
    }

    static ReplicaStatus of(Replica replica, Owner loop, KeyRefreshCounts sessionKeys) {
        return new ReplicaStatus(replica.id(), replica.view(), replica.isViewActive(), replica.lastExecuted(),
                replica.lastCommitted(), replica.lowWaterMark(), replica.counters().requestsExecuted(),
                replica.counters().viewChangesStarted(), loop.dropped(), replica.awaitsStateTransfer(),
                replica.counters().checkpointsFetched(), replica.counters().stateBytesFetched(), sessionKeys,
                new Recoveries(replica.isRecovering(), replica.counters().recoveriesCompleted(),
                        replica.counters().lastRecoveryMillis(), replica.counters().longestRecoveryMillis(),
                        replica.counters().stateCorruptionsDetected()),
                loop.failure());
    }
}
