package org.bftee.core.replica;

import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Data;
import org.bftee.core.message.Fetch;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.MetaDataDigest;
import org.bftee.core.message.Message;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.QueryStable;
import org.bftee.core.message.ReplyStable;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.Request;
import org.bftee.core.message.Status;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeAck;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;

/**
 * One BFT-PR replica as a pure, single-threaded state machine: events in, effects out through an
 * {@link Outbox}. It has no threads, clock, sockets or files; the runtime or the simulator drives it.
 *
 * <h2>Driver contract</h2>
 * <ol>
 *   <li>One thread owns the replica and makes every call on it; calls never overlap.</li>
 *   <li>Call {@link #start()} once before any other event.</li>
 *   <li>Deliver a peer's or client's message with {@link #onMessage(int, Message)} only after the
 *       frame was decoded and its MAC or authenticator checked for this replica (the
 *       {@code org.bftee.core.auth} classes do both); {@code sender} is the authenticated sender.
 *       Requests are the exception that proves the rule: their own authenticator travels inside
 *       them and the replica checks it itself.</li>
 *   <li>Apply the effects emitted during an event in the order they were emitted: sends, multicasts
 *       and timer changes. A multicast goes to every replica but this one. Losing a message is
 *       allowed (retransmission repairs it); reordering effects of one event is not.</li>
 *   <li>When a timer set through the outbox expires, call {@link #onTimer(ProtocolTimer)}; a timer
 *       set again before it expired restarts, a cancelled one must not fire.</li>
 *   <li>With a {@link DurableLog} other than {@link DurableLog#NONE}, a message leaves only after the
 *       records made during its event (and before) are on stable storage (see {@link DurableLog});
 *       stable checkpoints are stored on their own, after the fact. In-memory mode syncs nothing.</li>
 * </ol>
 *
 * <p>Sub-protocols live in their own classes: {@link RequestIntake} (client requests),
 * {@link Batcher} (the primary's batching), {@link Agreement} (pre-prepare, prepare, commit),
 * {@link Execution} (in-order and tentative execution, replies), {@link Checkpoints},
 * {@link Retransmission}, {@link ViewChanges} (with {@link NewViewInstaller}) and {@link StateTransfer}.
 * This class only dispatches.
 */
public final class Replica {

    private final ReplicaContext context;
    private final RequestIntake intake;
    private final Agreement agreement;
    private final Execution execution;
    private final Checkpoints checkpoints;
    private final Retransmission retransmission;
    private final Batcher batcher;
    private final ViewChanges viewChanges;
    private final StateTransfer stateTransfer;
    private final Recovery recovery;
    private boolean started;

    /** Whether {@link #start()} begins a view change: the log says this replica must not speak in its view again. */
    private boolean viewChangeAtStart;

    public Replica(ReplicaConfig config, ReplicaServices services, Outbox outbox) {
        this(config, services, outbox, new LoggedState());
    }

    /**
     * A replica restarted over its stored state: the store holds the last checkpoint it stored, and
     * {@code logged} what its {@link DurableLog} kept since (empty for a new replica).
     */
    public Replica(ReplicaConfig config, ReplicaServices services, Outbox outbox, LoggedState logged) {
        this.context = new ReplicaContext(config, services, outbox);
        this.execution = new Execution(context);
        this.batcher = new Batcher(context);
        this.checkpoints = new Checkpoints(context);
        this.stateTransfer = new StateTransfer(context);
        this.recovery = new Recovery(context, checkpoints, stateTransfer, execution);
        this.agreement = new Agreement(context, execution);
        this.viewChanges = new ViewChanges(context, batcher,
                new NewViewInstaller(context, agreement, execution, checkpoints, batcher, stateTransfer));
        this.intake = new RequestIntake(context, batcher, agreement, execution, viewChanges);
        this.retransmission = new Retransmission(context, checkpoints, viewChanges);
        execution.connect(batcher, checkpoints);
        checkpoints.connect(stateTransfer);
        stateTransfer.connect(checkpoints, execution);
        checkpoints.onCertified(recovery::checkDone);
        batcher.onPreparedAtOnce(agreement::checkPrepared);
        execution.afterProgress(viewChanges::afterProgress);
        viewChanges.statusNow(retransmission::multicastStatus);
        agreement.connectViewChange(viewChanges::wantsBatch, viewChanges::onBatchFetched);
        checkpoints.onStable(execution::run);
        // The logged view first: whether this replica resumes as that view's primary depends on it.
        context.view = logged.isEmpty() ? 0 : logged.view();
        resumeFromStoredCheckpoint();
        resumeFromLog(logged);
    }

    /**
     * Takes back what the log kept (DurableLog, "after a restart"): the view, and per sequence
     * number in the window its votes (as promises: no other batch in that view), the batches it
     * accepted and what prepared (for its VIEW-CHANGEs), and the large request bodies they name.
     * It resumes in that view as a backup; it starts a view change instead if it was changing view
     * or was the primary (it no longer knows which batches it proposed were seen), or if the log
     * holds votes beyond the window the stored checkpoint gives it (promises it could not keep).
     */
    private void resumeFromLog(LoggedState logged) {
        if (logged.isEmpty()) {
            return;
        }
        if (!logged.slots().isEmpty()) {
            // It executed only what prepared, and voted before anything prepared: a bound from above.
            context.executedBeforeRestartAtMost = logged.slots().lastKey();
        }
        boolean beyondWindow = false;
        for (var entry : logged.slots().entrySet()) {
            long sequence = entry.getKey();
            if (!context.log.inWindow(sequence)) {
                beyondWindow |= sequence > context.log.highWaterMark();
                continue;
            }
            LoggedState.Slot recorded = entry.getValue();
            SlotHistory history = context.log.slot(sequence).history();
            for (LoggedState.Vote vote : recorded.accepted()) {
                history.prePrepared(vote.batchDigest(), vote.view(), vote.batch(), vote.entryDigests());
                for (org.bftee.core.message.Request body : vote.largeBodies()) {
                    // A body the store has no room for is fetched from the others when a view needs it.
                    context.requestStore.put(context.requestDigest(body), body, true);
                }
            }
            if (recorded.preparedDigest() != null) {
                history.prepared(recorded.preparedDigest(), recorded.preparedView());
            }

            LoggedState.Vote latest = recorded.latestVote();
            if (latest != null && latest.view() == context.view) {
                context.promises.put(sequence, new ReplicaContext.Promise(latest.view(), latest.batchDigest()));
            }
        }
        viewChangeAtStart = !logged.viewActive() || context.isPrimary() || beyondWindow;
        if (viewChangeAtStart) {
            context.viewActive = false; // the view change begins at start(), with the timers
        }
    }

    /**
     * A replica whose store was restored from stable storage starts at that checkpoint: it executed
     * everything up to it, its window starts there, and the reply cache and agreed time are the
     * checkpoint's. What the group did after it, the replica gets by retransmission or state transfer.
     */
    private void resumeFromStoredCheckpoint() {
        var store = context.services.store();
        long stored = store.newestCheckpoint();
        if (stored == org.bftee.core.state.ObjectStore.INITIAL_CHECKPOINT) {
            return;
        }
        context.lastExecuted = stored;
        context.lastCommitted = stored;
        long agreedTime = Math.max(0, context.replyCache.agreedTime());
        context.lastAgreedTimeMillis = agreedTime;
        context.committedAgreedTimeMillis = agreedTime;
        checkpoints.installed(stored, store.checkpointDigest(stored), false);
        if (context.isPrimary()) {
            // Numbering resumes after the stored checkpoint. A primary restarted with amnesia may
            // propose a different batch for a sequence number its earlier life already used: to the
            // backups that is an equivocating primary, one of the f faults the protocol tolerates.
            batcher.enterView(stored, agreedTime);
        }
    }

    /** Arms the periodic timers. */
    public void start() {
        if (started) {
            throw new IllegalStateException("replica " + context.self + " started twice");
        }
        started = true;
        retransmission.start();
        if (viewChangeAtStart) {
            viewChanges.startNextView();
        }
    }

    /** Handles an authenticated message from {@code sender}. */
    public void onMessage(int sender, Message message) {
        requireStarted();
        boolean fromReplica = sender >= 0 && sender < context.quorums.n();
        switch (message.type()) {
            case REQUEST -> intake.onRequest(sender, (Request) message);
            case PRE_PREPARE -> onReplicaMessage(fromReplica, () -> agreement.onPrePrepare(sender, (PrePrepare) message));
            case PREPARE -> onReplicaMessage(fromReplica, () -> agreement.onPrepare(sender, (Prepare) message));
            case COMMIT -> onReplicaMessage(fromReplica, () -> agreement.onCommit(sender, (Commit) message));
            case CHECKPOINT -> onReplicaMessage(fromReplica,
                    () -> checkpoints.onCheckpoint(sender, (Checkpoint) message));
            case STATUS -> onReplicaMessage(fromReplica, () -> retransmission.onStatus(sender, (Status) message));
            case VIEW_CHANGE -> onReplicaMessage(fromReplica,
                    () -> viewChanges.onViewChange(sender, (ViewChange) message));
            case VIEW_CHANGE_ACK -> onReplicaMessage(fromReplica,
                    () -> viewChanges.onViewChangeAck(sender, (ViewChangeAck) message));
            case NEW_VIEW -> onReplicaMessage(fromReplica, () -> viewChanges.onNewView(sender, (NewView) message));
            case REPLY -> context.counters.drop(DropReason.WRONG_SENDER_ROLE);
            case FETCH -> onReplicaMessage(fromReplica, () -> stateTransfer.onFetch(sender, (Fetch) message));
            case META_DATA -> onReplicaMessage(fromReplica,
                    () -> stateTransfer.onMetaData(sender, (MetaData) message));
            case META_DATA_DIGEST -> onReplicaMessage(fromReplica,
                    () -> stateTransfer.onMetaDataDigest(sender, (MetaDataDigest) message));
            case DATA -> onReplicaMessage(fromReplica, () -> stateTransfer.onData(sender, (Data) message));
            case QUERY_STABLE -> onReplicaMessage(fromReplica,
                    () -> recovery.onQueryStable(sender, (QueryStable) message));
            case REPLY_STABLE -> onReplicaMessage(fromReplica,
                    () -> recovery.onReplyStable(sender, (ReplyStable) message));
            // NEW-KEY is the driver's: it installs session keys below the core.
            case NEW_KEY -> context.counters.drop(DropReason.UNHANDLED_TYPE);
        }
    }

    /** Handles the expiry of a timer set through the outbox. */
    public void onTimer(ProtocolTimer timer) {
        requireStarted();
        switch (timer) {
            case STATUS -> {
                retransmission.onStatusTimer();
                stateTransfer.onStatusTimer();
                recovery.onStatusTimer();
                viewChanges.onStatusTimer();
            }
            case VIEW_CHANGE -> viewChanges.onTimer();
            case BATCH, CLIENT_RETRANSMIT, KEY_REFRESH, RECOVERY -> {
                // Not set by this version of the replica; a stray expiry is harmless.
            }
        }
    }

    public int id() {
        return context.self;
    }

    public long view() {
        return context.view;
    }

    /** Whether the current view is installed (false while changing to it). */
    public boolean isViewActive() {
        return context.viewActive;
    }

    /** Whether this replica waits for state transfer to bring a checkpoint it lacks. */
    public boolean awaitsStateTransfer() {
        return context.missingCheckpoint != null || context.fetchingState;
    }

    /**
     * Starts proactive recovery ({@link Recovery}). Call it on a replica the driver has just built over
     * its restored stored state, with fresh session keys, right after {@link #start()}.
     */
    public void startRecovery(long nonce) {
        requireStarted();
        recovery.start(nonce);
    }

    /** Whether the replica is recovering: it has not yet proved that it holds the group's state. */
    public boolean isRecovering() {
        return recovery.isRecovering();
    }

    /** The recovery point of the current or last recovery, or -1 while not estimated. */
    public long recoveryPoint() {
        return recovery.recoveryPoint();
    }

    /** The checkpoint state transfer is fetching, or -1. */
    public long fetchTarget() {
        return stateTransfer.target();
    }

    public long lastExecuted() {
        return context.lastExecuted;
    }

    public long lastCommitted() {
        return context.lastCommitted;
    }

    public long lowWaterMark() {
        return context.log.lowWaterMark();
    }

    public ReplicaCounters counters() {
        return context.counters;
    }

    /**
     * Always-on consistency checks (STYLE rule 3), run by tests after every event: a failure is a
     * bug in the replica, never the fault of a peer.
     */
    public void checkInvariants() {
        context.log.checkInvariants();
        long low = context.log.lowWaterMark();
        check(context.lastCommitted <= context.lastExecuted, "last committed above last executed");
        check(context.lastExecuted <= context.lastCommitted + 1, "more than one tentative batch");
        check(low <= context.lastCommitted || context.missingCheckpoint != null,
                "stable checkpoint above last committed");
        check(context.viewActive || !batcherHasWork(), "a replica changing view has batches queued");
        check(context.lastExecuted <= context.log.highWaterMark(), "executed above the high water mark");
        check(context.requestStore.size() <= context.config.storedRequestsMax(), "request store over its limit");
        check(batcher.pendingCount() <= context.config.pendingRequestsMax(), "pending queue over its limit");
        if (context.isPrimary() && context.viewActive && context.missingCheckpoint == null) {
            // The NEW-VIEW's decisions are in flight too, but this primary did not choose how many.
            long inFlightFrom = Math.max(Math.max(context.lastCommitted, batcher.lastDecided()),
                    context.committedBeforeRollback);
            check(batcher.lastAssigned() - inFlightFrom <= context.config.limits().batchesInFlightMax(),
                    "more batches in flight than allowed");
        }
        for (long sequence = context.lastCommitted + 1; sequence <= context.lastExecuted; sequence++) {
            check(context.log.slot(sequence).isPrepared(context.view) || !context.viewActive
                    || context.log.slot(sequence).decided() != null,
                    "tentative batch " + sequence + " neither prepared nor kept by the new view");
        }
        context.services.store().checkInvariantsIfChanged();
    }

    private boolean batcherHasWork() {
        return batcher.pendingCount() > 0;
    }

    private void onReplicaMessage(boolean fromReplica, Runnable handler) {
        if (!fromReplica) {
            context.counters.drop(DropReason.WRONG_SENDER_ROLE);
            return;
        }
        handler.run();
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("replica " + context.self + " used before start()");
        }
    }

    private void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("replica " + context.self + " invariant broken: " + what
                    + " (view " + context.view + ", h " + context.log.lowWaterMark() + ", last executed "
                    + context.lastExecuted + ", last committed " + context.lastCommitted + ")");
        }
    }
}
