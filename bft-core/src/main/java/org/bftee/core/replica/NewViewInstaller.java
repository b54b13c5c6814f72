package org.bftee.core.replica;

import java.util.List;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Decision;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PrePrepare;

/**
 * Installs a new view from its NEW-VIEW, at the new primary and at every backup that accepted it
 * (PROTOCOL.md, "NEW-VIEW"): rolls back a tentative batch the new view does not keep, moves to the
 * chosen checkpoint, and pre-prepares every chosen batch again in the new view, so that the
 * normal case prepares and commits them and execution resumes where it left off.
 */
final class NewViewInstaller {

    private final ReplicaContext context;
    private final Agreement agreement;
    private final Execution execution;
    private final Checkpoints checkpoints;
    private final Batcher batcher;
    private final StateTransfer stateTransfer;

    NewViewInstaller(ReplicaContext context, Agreement agreement, Execution execution, Checkpoints checkpoints,
                     Batcher batcher, StateTransfer stateTransfer) {
        this.stateTransfer = stateTransfer;
        this.context = context;
        this.agreement = agreement;
        this.execution = execution;
        this.checkpoints = checkpoints;
        this.batcher = batcher;
    }

    void install(NewView newView) {
        long view = newView.newView();
        long checkpoint = newView.checkpoint().sequence();
        List<Decision> decisions = newView.decisions();
        if (view != context.view) {
            context.promises.clear();
        }
        context.view = view;
        context.viewActive = true;
        context.services.durableLog().viewEntered(view, true);

        keepOrRollBackTentative(checkpoint, decisions);
        moveToCheckpoint(newView);
        for (long sequence = context.log.lowWaterMark() + 1; context.log.inWindow(sequence); sequence++) {
            context.log.slot(sequence).decide(null);
        }
        long latestTime = context.lastAgreedTimeMillis;
        for (Decision decision : decisions) {
            if (context.log.inWindow(decision.sequence())) {
                latestTime = Math.max(latestTime, preprepareAgain(view, decision));
            }
        }
        if (context.isPrimary()) {
            batcher.enterView(checkpoint + decisions.size(), latestTime);
        }
        context.counters.viewInstalled();
        context.services.observer().viewInstalled(context.self, view, checkpoint);
        execution.run();
    }

    /**
     * The tentative batch survives only if the new view chose the same batch at its sequence
     * number; otherwise it is undone, and its requests execute again when they are ordered anew.
     */
    private void keepOrRollBackTentative(long checkpoint, List<Decision> decisions) {
        long tentative = context.lastExecuted;
        if (tentative == context.lastCommitted) {
            return;
        }
        int index = (int) (tentative - checkpoint - 1);
        boolean kept = tentative > checkpoint && index < decisions.size()
                && decisions.get(index).digest().equals(context.log.slot(tentative).batchDigest());
        if (!kept) {
            execution.rollBackTentative();
        }
    }

    /**
     * Moves the water marks to the chosen checkpoint. A replica that holds that checkpoint makes it
     * stable; one that is behind it, or whose own checkpoint there differs, keeps voting in the new
     * window but executes nothing until state transfer brings the checkpoint.
     */
    private void moveToCheckpoint(NewView newView) {
        long sequence = newView.checkpoint().sequence();
        if (sequence <= context.log.lowWaterMark()) {
            return;
        }
        if (holds(newView.checkpoint())) {
            checkpoints.adoptStable(sequence);
            return;
        }
        execution.rollBackTentative();
        checkpoints.skipTo(sequence);
        context.missingCheckpoint = newView.checkpoint();
        context.counters.newViewCheckpointMissing();
        // The decision procedure chose it only if f + 1 replicas hold it: its digest is certified.
        stateTransfer.fetch(sequence, newView.checkpoint().digest());
    }

    /**
     * The new primary chose {@code checkpoint} but lacks {@code missing} batches chosen above it (A3),
     * some of them above its high water mark: it could neither hold them nor ask for them (its STATUS
     * names wanted batches within its window), so it would never decide. It moves its window to the
     * chosen checkpoint now, as it will when it installs the NEW-VIEW: it makes the checkpoint stable
     * if it holds it, and otherwise fetches it, and its window moves once the state is installed.
     * Either way the digest is certified: the decision procedure chose it only if {@code f + 1}
     * VIEW-CHANGEs list it. A later decision, over more VIEW-CHANGEs, never chooses a lower one.
     */
    void reachChosenCheckpoint(CheckpointEntry checkpoint, List<Decision> missing) {
        long high = context.log.highWaterMark();
        if (missing.stream().noneMatch(batch -> batch.sequence() > high)) {
            return;
        }
        if (holds(checkpoint)) {
            checkpoints.adoptStable(checkpoint.sequence());
        } else {
            stateTransfer.fetch(checkpoint.sequence(), checkpoint.digest());
        }
    }

    /** Whether this replica executed and still holds {@code checkpoint}, with its digest. */
    private boolean holds(CheckpointEntry checkpoint) {
        var store = context.services.store();
        long sequence = checkpoint.sequence();
        return context.lastCommitted >= sequence && store.isRetained(sequence)
                && store.checkpointDigest(sequence).equals(checkpoint.digest());
    }

    /**
     * Pre-prepares {@code decision}'s batch in the new view from what this replica knows; a batch it
     * does not know arrives later, from the new primary's retransmission. Returns the batch's agreed time.
     */
    private long preprepareAgain(long view, Decision decision) {
        Slot slot = context.log.slot(decision.sequence());
        slot.decide(decision.digest());
        if (decision.isNullRequest()) {
            slot.holdPrePrepare(new PrePrepare(view, decision.sequence(), Bytes.EMPTY, List.of()), Digest.ZERO,
                    List.of());
        } else {
            SlotHistory.KnownBatch known = slot.history().batch(decision.digest());
            if (known == null) {
                return Long.MIN_VALUE;
            }
            PrePrepare original = known.prePrepare();
            slot.holdPrePrepare(new PrePrepare(view, decision.sequence(), original.nonDeterministic(),
                    original.batch()), decision.digest(), known.entryDigests());
        }
        agreement.acceptDecided(slot);
        return ReplicaContext.decodeTime(slot.prePrepare().nonDeterministic());
    }
}
