package org.bftee.core.replica;

import java.util.Arrays;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.QueryStable;
import org.bftee.core.message.ReplyStable;

/**
 * Proactive recovery, the replica's part (PROTOCOL.md, "Proactive recovery"). The driver refreshes
 * the replica's session keys (NEW-KEY) and calls {@link Replica#startRecovery}; from there:
 *
 * <ol>
 *   <li>The replica goes back to its newest checkpoint (what executed after it executes again from
 *       the log) and recomputes the digests of all its objects: an attacker that held the process
 *       may have changed them behind the library's back. If it did, the replica goes back to its newest
 *       checkpoint, now with the digest of what its objects hold, and the checkpoint comparison
 *       (see {@link Checkpoints}) repairs the state by state transfer.</li>
 *   <li>It estimates the group's latest stable checkpoint with QUERY-STABLE: each replica answers
 *       REPLY-STABLE with its stable checkpoint {@code c} and its last prepared sequence number
 *       {@code p}, and sends its own CHECKPOINT for {@code c}. Keeping the smallest {@code c} and the
 *       largest {@code p} per replica (its own included), the estimate {@code c_M} is a value
 *       {@code c} of some replica {@code j} such that {@code 2f + 1} replicas ({@code j} included)
 *       reported values at most {@code c_M} and {@code f + 1} reported {@code p} at least
 *       {@code c_M} (the thesis' rule, libbyz's {@code Stable_estimator}): no correct replica has a
 *       stable checkpoint above it. The largest such value is the recovery point.</li>
 *   <li>It has recovered once it holds a checkpoint at or above the recovery point (and at or above
 *       the checkpoint it restarted from) whose digest {@code f + 1} other replicas vouch for (so its
 *       state is the group's, whatever it held), fetched or executed, and fetches nothing more.</li>
 * </ol>
 *
 * <p>The replica keeps its message log through the recovery, as the thesis keeps it by saving it
 * before the reboot: a replica that forgot its votes could contradict them, which makes it one of
 * the {@code f} faulty replicas (a process restarted after a crash is in that case until the group's
 * stable checkpoint passes everything it could have voted on). Departure from the thesis: the
 * recovering replica does not order a signed RECOVERY request; its recovery point is the estimate.
 */
final class Recovery {

    private final ReplicaContext context;
    private final Checkpoints checkpoints;
    private final StateTransfer stateTransfer;
    private final Execution execution;
    private final long[] smallestCheckpoint;
    private final long[] largestPrepared;
    private long nonce;
    private long startedAtMillis;
    private long recoveryPoint = -1;
    /** The checkpoint the replica restarted from: its state must be vouched for at or above it too. */
    private long restartedFrom;

    Recovery(ReplicaContext context, Checkpoints checkpoints, StateTransfer stateTransfer, Execution execution) {
        this.context = context;
        this.checkpoints = checkpoints;
        this.stateTransfer = stateTransfer;
        this.execution = execution;
        this.smallestCheckpoint = new long[context.quorums.n()];
        this.largestPrepared = new long[context.quorums.n()];
    }

    boolean isRecovering() {
        return context.recovering;
    }

    /** The recovery point once estimated, or -1. */
    long recoveryPoint() {
        return recoveryPoint;
    }

    /** Starts recovering: asks the group where it is. {@code nonce} pairs the answers with this recovery. */
    void start(long nonce) {
        if (context.recovering) {
            throw new IllegalStateException("replica " + context.self + " is recovering already");
        }
        context.recovering = true;
        this.nonce = nonce;
        this.startedAtMillis = context.services.time().nowMillis();
        this.recoveryPoint = -1;
        Arrays.fill(smallestCheckpoint, Long.MAX_VALUE);
        Arrays.fill(largestPrepared, -1);
        checkObjects();
        restartedFrom = Math.max(context.services.store().newestCheckpoint(), context.log.lowWaterMark());
        record(context.self, context.log.lowWaterMark(), lastPrepared());
        context.counters.recoveryStarted();
        context.services.observer().recoveryStarted(context.self);
        context.outbox.multicast(new QueryStable(context.self, nonce));
    }

    /** Any replica answers a recovering one: where it is, and the CHECKPOINT that vouches for it. */
    void onQueryStable(int sender, QueryStable query) {
        if (query.replica() != sender) {
            context.counters.drop(DropReason.UNWANTED_RECOVERY_MESSAGE);
            return;
        }
        long stable = context.log.lowWaterMark();
        context.outbox.send(sender, new ReplyStable(stable, Math.max(stable, lastPrepared()), context.self,
                query.nonce()));
        var store = context.services.store();
        if (store.isRetained(stable)) {
            context.outbox.send(sender, new Checkpoint(stable, store.checkpointDigest(stable), context.self));
        }
    }

    void onReplyStable(int sender, ReplyStable reply) {
        if (!context.recovering || reply.nonce() != nonce || reply.replica() != sender) {
            context.counters.drop(DropReason.UNWANTED_RECOVERY_MESSAGE);
            return;
        }
        record(sender, reply.lastCheckpoint(), reply.lastPrepared());
        if (recoveryPoint < 0) {
            long estimate = estimate();
            // A checkpoint vouched for below the one it restarted from proves nothing about the state it
            // executes on now: the attacker may have changed objects that later batches then rewrote.
            recoveryPoint = estimate < 0 ? -1 : Math.max(estimate, restartedFrom);
            if (recoveryPoint >= 0) {
                context.services.observer().recoveryPointEstimated(context.self, recoveryPoint);
            }
        }
        checkDone();
    }

    /** Every status period while recovering: asks again until the estimate is known, then checks progress. */
    void onStatusTimer() {
        if (!context.recovering) {
            return;
        }
        if (recoveryPoint < 0) {
            context.outbox.multicast(new QueryStable(context.self, nonce));
        }
        checkDone();
    }

    /** Called after anything that may complete the recovery (a checkpoint certified, a fetch installed). */
    void checkDone() {
        if (!context.recovering || recoveryPoint < 0 || stateTransfer.isFetching()
                || checkpoints.highestCertifiedOwn() < recoveryPoint) {
            return;
        }
        context.recovering = false;
        long duration = context.services.time().nowMillis() - startedAtMillis;
        context.counters.recovered(duration);
        context.services.observer().recovered(context.self, recoveryPoint, duration);
    }

    /**
     * Recomputes the digests of the objects, which an attacker could have changed behind the
     * library's back. If any changed, the replica goes back to its newest checkpoint, whose digest now
     * says what the objects really hold; the group's CHECKPOINTs then show it wrong and the checkpoint
     * comparison repairs it by state transfer.
     */
    private void checkObjects() {
        var store = context.services.store();
        execution.rollBackTentative();
        // Objects written after the newest checkpoint have no digest to check them against: the
        // replica restarts from that checkpoint, its stored state, and executes the rest again from
        // its log.
        long newest = store.newestCheckpoint();
        int tampered = store.restartFromNewestCheckpoint();
        execution.storeRolledBackTo(newest);
        // A fetch under way compared the tree as it was; it starts again against the checked one.
        stateTransfer.restartFetch();
        if (tampered == 0) {
            execution.run(); // what executed after the checkpoint executes again from the log, at once
            return;
        }
        context.counters.stateCorruptionDetected();
        context.services.observer().stateCorruptionDetected(context.self, newest);
        checkpoints.ownStateReplaced(newest, store.checkpointDigest(newest));
    }

    private void record(int replica, long checkpoint, long prepared) {
        smallestCheckpoint[replica] = Math.min(smallestCheckpoint[replica], checkpoint);
        largestPrepared[replica] = Math.max(largestPrepared[replica], prepared);
    }

    /** The largest {@code c_M} the rule above allows, or -1 while the answers do not settle one. */
    private long estimate() {
        long best = -1;
        for (long candidate : smallestCheckpoint) {
            if (candidate == Long.MAX_VALUE || candidate <= best) {
                continue;
            }
            int atMost = 0;
            int preparedBeyond = 0;
            for (int replica = 0; replica < smallestCheckpoint.length; replica++) {
                if (smallestCheckpoint[replica] != Long.MAX_VALUE && smallestCheckpoint[replica] <= candidate) {
                    atMost++;
                }
                if (largestPrepared[replica] >= candidate) {
                    preparedBeyond++;
                }
            }
            if (atMost >= context.quorums.quorum() && preparedBeyond >= context.quorums.weak()) {
                best = candidate;
            }
        }
        return best;
    }

    /** The highest sequence number prepared (or executed) here, for REPLY-STABLE. */
    private long lastPrepared() {
        long prepared = context.lastExecuted;
        for (long sequence = context.firstUnexecuted(); context.log.inWindow(sequence); sequence++) {
            if (context.log.slot(sequence).isPrepared(context.view)) {
                prepared = sequence;
            }
        }
        return prepared;
    }
}
