package org.bftee.core.replica;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Checkpoint;

/**
 * Checkpoints and garbage collection (PROTOCOL.md, "Checkpoints"): every {@code K} committed
 * sequence numbers a replica takes a checkpoint of the object store and multicasts CHECKPOINT;
 * {@code 2f + 1} matching CHECKPOINTs, its own included, make the checkpoint stable, which moves
 * the low water mark and discards the log and the older checkpoints.
 *
 * <p>Votes are kept for checkpoint sequence numbers inside the water marks, at most {@code L / K}
 * of them, one digest per replica each; above the window only each replica's highest, which is
 * how a replica that fell behind learns where the group is. A checkpoint certified by {@code f + 1}
 * replicas that this replica cannot reach by executing is fetched by {@link StateTransfer}; with each
 * peer's stable checkpoint as its STATUS last reported it, that includes one inside the window that
 * {@code f + 1} others made stable (and so discarded the log below it) while this replica stalled.
 */
final class Checkpoints {

    private final ReplicaContext context;
    private final TreeMap<Long, Map<Integer, Digest>> votes = new TreeMap<>();
    /** Per replica, its highest CHECKPOINT above this replica's window. */
    private final Map<Integer, Checkpoint> ahead = new HashMap<>();
    /** Per other replica, the stable checkpoint its last STATUS reported: at most {@code n - 1} entries. */
    private final Map<Integer, Long> reportedStable = new HashMap<>();
    private Runnable onStable = () -> { };
    private Runnable onCertified = () -> { };
    private StateTransfer stateTransfer;
    /**
     * The highest checkpoint of this replica's own whose digest f + 1 others vouch for, or -1. The
     * initial checkpoint is every replica's by construction, until this replica's state is replaced
     * by one nobody vouched for (restored from its disk, or found changed behind its back).
     */
    private long highestCertifiedOwn = 0;

    Checkpoints(ReplicaContext context) {
        this.context = context;
    }

    void connect(StateTransfer stateTransfer) {
        this.stateTransfer = stateTransfer;
    }

    /** What to do after an own checkpoint was certified by others (a recovery may be complete). */
    void onCertified(Runnable action) {
        this.onCertified = action;
    }

    /** The highest checkpoint this replica holds whose digest {@code f + 1} other replicas vouch for, or -1. */
    long highestCertifiedOwn() {
        return highestCertifiedOwn;
    }

    private void certified(long sequence) {
        if (sequence > highestCertifiedOwn) {
            highestCertifiedOwn = sequence;
            onCertified.run();
        }
    }

    /** What to do after the low water mark moved (the primary may propose again). */
    void onStable(Runnable action) {
        this.onStable = action;
    }

    /** A batch committed and executed: take a checkpoint if it ends an interval. */
    void afterCommitted(long sequence) {
        if (sequence % context.config.limits().checkpointInterval() != 0) {
            return;
        }
        Digest stateDigest = context.services.store().checkpoint(sequence);
        context.services.observer().checkpointTaken(context.self, sequence, stateDigest);
        votes.computeIfAbsent(sequence, s -> new HashMap<>()).put(context.self, stateDigest);
        context.outbox.multicast(new Checkpoint(sequence, stateDigest, context.self));
        tryStable(sequence);
    }

    void onCheckpoint(int sender, Checkpoint checkpoint) {
        long sequence = checkpoint.sequence();
        if (sequence % context.config.limits().checkpointInterval() != 0) {
            context.counters.drop(DropReason.BAD_CHECKPOINT);
            return;
        }
        if (sequence < context.log.lowWaterMark()) {
            context.counters.drop(DropReason.STALE_CHECKPOINT);
            return;
        }
        if (sequence > context.log.highWaterMark()) {
            Checkpoint previous = ahead.get(sender);
            if (previous == null || previous.sequence() < sequence) {
                ahead.put(sender, checkpoint);
            }
        } else {
            votes.computeIfAbsent(sequence, s -> new HashMap<>()).put(sender, checkpoint.stateDigest());
            tryStable(sequence);
        }
        considerFetching(sequence, checkpoint.stateDigest());
    }

    /**
     * Fetches checkpoint {@code sequence} once {@code f + 1} replicas vouch for {@code digest} (one of
     * them is correct, so the digest is the group's) and executing cannot get there: it lies above
     * this replica's window, or above the checkpoint a fetch is already after.
     */
    private void considerFetching(long sequence, Digest digest) {
        if (ownDigest(sequence) != null || matching(sequence, digest) < context.quorums.weak()) {
            return;
        }
        boolean aboveWindow = sequence > context.log.highWaterMark();
        boolean newerThanFetch = stateTransfer.isFetching() && sequence > stateTransfer.target();
        if (aboveWindow || newerThanFetch) {
            stateTransfer.fetch(sequence, digest);
        }
    }

    private long matching(long sequence, Digest digest) {
        long count = 0;
        Map<Integer, Digest> inWindow = votes.get(sequence);
        if (inWindow != null) {
            count += inWindow.values().stream().filter(digest::equals).count();
        }
        for (Checkpoint above : ahead.values()) {
            if (above.sequence() == sequence && above.stateDigest().equals(digest)) {
                count++;
            }
        }
        return count;
    }

    /** A peer's STATUS reported {@code stableSequence} as its stable checkpoint. */
    void onPeerStatus(int peer, long stableSequence) {
        if (peer != context.self) {
            reportedStable.put(peer, stableSequence);
        }
    }

    /**
     * The highest checkpoint above {@code executed} that the group made stable, as far as this replica
     * can tell, or null: {@code 2f + 1} replicas other than this one hold it with one digest, or
     * {@code f + 1} others hold it with one digest and {@code f + 1} others report a stable checkpoint
     * at or above it. The second rule is the thesis' (libbyz fetches on {@code f + 1} stable CHECKPOINTs
     * above its last executed): one of those reporters is correct and discarded its log up to there, and
     * with one replica faulty and this one behind, no {@code 2f + 1} others may ever hold it. The digest
     * is the one {@code f + 1} replicas vouch for, so one correct replica took that state; a report of
     * stability alone certifies nothing, it only says that executing may never get there.
     */
    Checkpoint groupStableAbove(long executed) {
        for (Map.Entry<Long, Map<Integer, Digest>> entry : votes.descendingMap().entrySet()) {
            long sequence = entry.getKey();
            if (sequence <= executed) {
                return null;
            }
            Map<Integer, Digest> atSequence = entry.getValue();
            long reportingStable = reportedStable.values().stream().filter(stable -> stable >= sequence).count();
            long needed = reportingStable >= context.quorums.weak() ? context.quorums.weak() : context.quorums.quorum();
            for (Map.Entry<Integer, Digest> vote : atSequence.entrySet()) {
                Digest candidate = vote.getValue();
                long agreeing = atSequence.entrySet().stream()
                        .filter(other -> other.getKey() != context.self && candidate.equals(other.getValue())).count();
                if (agreeing >= needed) {
                    return new Checkpoint(sequence, candidate, context.self);
                }
            }
        }
        return null;
    }

    /**
     * State transfer installed checkpoint {@code sequence}: it is this replica's own now, the water
     * marks move to it, and the votes seen above the old window count in the new one.
     */
    void installed(long sequence, Digest digest, boolean certifiedByOthers) {
        skipTo(sequence);
        // Own votes above it were taken of a state that is gone (a repair rolls back past them).
        votes.tailMap(sequence, false).values().forEach(atSequence -> atSequence.remove(context.self));
        votes.computeIfAbsent(sequence, s -> new HashMap<>()).put(context.self, digest);
        ahead.values().removeIf(above -> {
            if (above.sequence() < sequence) {
                return true;
            }
            if (above.sequence() == sequence) {
                votes.get(sequence).putIfAbsent(above.replica(), above.stateDigest());
                return true;
            }
            if (context.log.inWindow(above.sequence())) {
                votes.computeIfAbsent(above.sequence(), s -> new HashMap<>()).put(above.replica(), above.stateDigest());
                return true;
            }
            return false;
        });
        if (certifiedByOthers) {
            certified(sequence);
        } else {
            highestCertifiedOwn = Math.min(highestCertifiedOwn, sequence - 1);
        }
        tryStable(sequence);
    }

    /** A digest other than {@code own} that {@code f + 1} other replicas sent for one checkpoint, or null. */
    private Digest othersAgreeOn(Map<Integer, Digest> atSequence, Digest own) {
        for (Map.Entry<Integer, Digest> vote : atSequence.entrySet()) {
            Digest candidate = vote.getValue();
            if (vote.getKey() == context.self || candidate.equals(own)) {
                continue;
            }
            long agreeing = atSequence.entrySet().stream()
                    .filter(other -> other.getKey() != context.self && candidate.equals(other.getValue())).count();
            if (agreeing >= context.quorums.weak()) {
                return candidate;
            }
        }
        return null;
    }

    /** My own digest for the retained checkpoint at {@code sequence}, or null. */
    Digest ownDigest(long sequence) {
        Map<Integer, Digest> atSequence = votes.get(sequence);
        return atSequence == null ? null : atSequence.get(context.self);
    }

    private void tryStable(long sequence) {
        Map<Integer, Digest> atSequence = votes.get(sequence);
        if (atSequence == null) {
            return;
        }
        if (!atSequence.containsKey(context.self) && context.services.store().isRetained(sequence)) {
            // The initial checkpoint, never multicast, or one restored or installed here.
            atSequence.put(context.self, context.services.store().checkpointDigest(sequence));
        }
        Digest own = atSequence.get(context.self);
        if (own == null) {
            // Without its own checkpoint a replica cannot use a stable one: state transfer brings it
            // when executing cannot (see considerFetching and StateTransfer's stall check).
            return;
        }
        Digest theirs = othersAgreeOn(atSequence, own);
        if (theirs != null) {
            // f + 1 others, one of them correct, took another state at this checkpoint: this
            // replica's state went wrong (a corrupt disk, objects changed behind the library's back).
            context.counters.stateCorruptionDetected();
            context.services.observer().stateCorruptionDetected(context.self, sequence);
            stateTransfer.repair(sequence, theirs);
            return;
        }
        long others = atSequence.entrySet().stream()
                .filter(vote -> vote.getKey() != context.self && own.equals(vote.getValue())).count();
        if (others >= context.quorums.weak()) {
            certified(sequence);
        }
        if (sequence <= context.log.lowWaterMark()) {
            return; // stable already: a vote for it only serves the checks above
        }
        long matching = atSequence.values().stream().filter(own::equals).count();
        if (matching < context.quorums.quorum()) {
            return;
        }
        stabilize(sequence);
        stateTransfer.stableAt(sequence);
        onStable.run();
    }

    /**
     * Makes the checkpoint at {@code sequence} stable without CHECKPOINT votes: a NEW-VIEW chose it
     * (the decision procedure proved {@code f + 1} replicas hold it) and this replica holds it too.
     * No-op at or below the current low water mark.
     */
    void adoptStable(long sequence) {
        if (sequence > context.log.lowWaterMark()) {
            stabilize(sequence);
        }
    }

    /**
     * This replica's own state at its checkpoint {@code sequence} turned out not to be what it
     * believed (objects changed behind its back): its vote there becomes {@code digest}, votes it cast
     * after it are withdrawn, and nothing it holds from there on counts as vouched for. The water marks
     * stay: the group's CHECKPOINTs, compared with the new vote, make state transfer repair the state.
     */
    void ownStateReplaced(long sequence, Digest digest) {
        votes.tailMap(sequence, false).values().forEach(atSequence -> atSequence.remove(context.self));
        votes.computeIfAbsent(sequence, s -> new HashMap<>()).put(context.self, digest);
        highestCertifiedOwn = Math.min(highestCertifiedOwn, sequence - 1);
        tryStable(sequence);
    }

    /**
     * Moves the water marks to a new view's checkpoint that this replica does not hold: it keeps
     * voting in the new view's window while it waits for state transfer.
     */
    void skipTo(long sequence) {
        if (sequence > context.log.lowWaterMark()) {
            context.log.advanceLowWaterMark(sequence);
            votes.headMap(sequence, false).clear();
        }
    }

    private void stabilize(long sequence) {
        // Stable: 2f + 1 matching votes (2f of them others'), or a NEW-VIEW's proof that f + 1 hold it.
        certified(sequence);
        context.log.advanceLowWaterMark(sequence);
        context.services.store().discardCheckpointsBefore(sequence);
        context.requestStore.discardExecutedUpTo(sequence);
        context.promises.headMap(sequence, true).clear();
        context.services.durableLog().stable(sequence);
        votes.headMap(sequence, false).clear();
        context.counters.checkpointStable();
        context.services.observer().checkpointStable(context.self, sequence);
    }
}
