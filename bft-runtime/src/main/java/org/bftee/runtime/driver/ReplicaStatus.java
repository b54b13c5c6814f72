package org.bftee.runtime.driver;

import org.bftee.core.replica.Replica;
import org.bftee.runtime.storage.VoteLog;

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
 * @param voteLog            its vote log's syncs and bytes (all zero with {@code durability = memory})
 * @param failure            the bug that stopped the owner thread, or null while it runs
 */
public record ReplicaStatus(int id, long view, boolean viewActive, long lastExecuted, long lastCommitted,
                            long lowWaterMark, long requestsExecuted, long viewChangesStarted, long eventsDropped,
                            boolean fetchingState, long checkpointsFetched, long stateBytesFetched,
                            KeyRefreshCounts sessionKeys, Recoveries recovery, VoteLogCounts voteLog,
                            Throwable failure) {

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

    /**
     * @param syncs       forces of the vote log, one per round of events that logged something (group commit)
     * @param bytesLogged bytes written to it, snapshots included
     * @param compactions times it was rewritten as a snapshot above the last written checkpoint
     */
    public record VoteLogCounts(long syncs, long bytesLogged, long compactions) {
        static final VoteLogCounts NONE = new VoteLogCounts(0, 0, 0);

        static VoteLogCounts of(VoteLog log) {
            return log == null ? NONE : new VoteLogCounts(log.syncs(), log.bytesLogged(), log.compactions());
        }
    }

    static ReplicaStatus of(Replica replica, Owner loop, KeyRefreshCounts sessionKeys, VoteLog voteLog) {
        return new ReplicaStatus(replica.id(), replica.view(), replica.isViewActive(), replica.lastExecuted(),
                replica.lastCommitted(), replica.lowWaterMark(), replica.counters().requestsExecuted(),
                replica.counters().viewChangesStarted(), loop.dropped(), replica.awaitsStateTransfer(),
                replica.counters().checkpointsFetched(), replica.counters().stateBytesFetched(), sessionKeys,
                new Recoveries(replica.isRecovering(), replica.counters().recoveriesCompleted(),
                        replica.counters().lastRecoveryMillis(), replica.counters().longestRecoveryMillis(),
                        replica.counters().stateCorruptionsDetected()),
                VoteLogCounts.of(voteLog), loop.failure());
    }
}
