package org.bftee.core.replica;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Data;
import org.bftee.core.message.Fetch;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.MetaDataDigest;
import org.bftee.core.message.PartitionSummary;
import org.bftee.core.state.CheckpointFetch;
import org.bftee.core.state.FetchedObject;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.PartitionNode;

/**
 * State transfer (PROTOCOL.md, "State and state transfer"), both sides.
 *
 * <p><b>Fetching.</b> A replica fetches a checkpoint whose digest {@code f + 1} replicas certified
 * (matching CHECKPOINT or root META-DATA-DIGEST messages, or a NEW-VIEW's choice) when it cannot get
 * there by executing: the checkpoint is above its window, a new view moved its window past what it
 * holds, or the group made it stable while this replica made no progress for a status period. It
 * asks one designated replier for the tree nodes whose digests differ from its own, at most
 * {@link #FETCHES_IN_FLIGHT_MAX} at a time, checks each answer with {@link CheckpointFetch}, and asks
 * the next replier whenever an answer is wrong or a status period passes without progress, so a
 * replier that lies or stays silent costs time, never correctness. When the group certifies a newer
 * checkpoint meanwhile (the others discard the one being fetched), it moves there and keeps every
 * object that still matches. Execution waits until the checkpoint is installed.
 *
 * <p><b>Answering.</b> Any replica answers a FETCH for a checkpoint it still holds: the designated
 * replier with the partition's META-DATA (all its children) or the object's DATA, the others with
 * the root's META-DATA-DIGEST of their own stable checkpoint, which tells the fetcher where the
 * group is. Nobody keeps a checkpoint for a fetcher's sake.
 */
final class StateTransfer {

    /** FETCH messages outstanding at once: enough to keep a replier busy, few enough not to flood it. */
    static final int FETCHES_IN_FLIGHT_MAX = 64;

    private final ReplicaContext context;
    private Checkpoints checkpoints;
    private Execution execution;
    private CheckpointFetch fetch;
    /** Nodes asked for and not answered yet, by {@link #key}. */
    private final Map<Long, CheckpointFetch.WantedNode> inFlight = new LinkedHashMap<>();
    private int replier;
    private boolean progressSinceTick;
    private long executedAtLastTick = -1;

    StateTransfer(ReplicaContext context) {
        this.context = context;
        this.replier = (context.self + 1) % context.quorums.n();
    }

    void connect(Checkpoints checkpoints, Execution execution) {
        this.checkpoints = checkpoints;
        this.execution = execution;
    }

    boolean isFetching() {
        return fetch != null;
    }

    /** The checkpoint being fetched, or -1. */
    long target() {
        return fetch == null ? -1 : fetch.checkpoint();
    }

    /**
     * Fetches checkpoint {@code sequence} with the certified {@code digest}, or moves an ongoing fetch
     * to it if it is newer. Nothing happens for a checkpoint this replica executed already.
     */
    void fetch(long sequence, Digest digest) {
        // Above what committed here: a tentative execution that cannot commit (this replica alone in
        // a view change) does not hold the group's checkpoint.
        if (sequence <= context.lastCommitted && context.missingCheckpoint == null) {
            return;
        }
        start(sequence, digest);
    }

    /**
     * Replaces this replica's state by the group's checkpoint {@code sequence}, certified as
     * {@code digest} by {@code f + 1} others, although this replica executed past it: its own state
     * there was wrong. It executes again from the next sequence number, from its log.
     */
    void repair(long sequence, Digest digest) {
        if ((fetch != null && sequence <= fetch.checkpoint()) || sequence < context.log.lowWaterMark()) {
            return;
        }
        start(sequence, digest);
    }

    /**
     * Checkpoint {@code stable} became stable with this replica's own vote among the 2f + 1: its state
     * there is the group's, so a fetch of an older checkpoint (a repair) is moot. It is dropped (the
     * store was not touched yet) and execution goes on.
     */
    void stableAt(long stable) {
        if (fetch == null || fetch.checkpoint() >= stable) {
            return;
        }
        fetch = null;
        inFlight.clear();
        context.fetchingState = false;
        execution.run();
    }

    /** Starts the fetch under way again from the root, keeping nothing: the store's tree changed under it. */
    void restartFetch() {
        if (fetch == null) {
            return;
        }
        CheckpointFetch current = fetch;
        fetch = null;
        inFlight.clear();
        start(current.checkpoint(), current.digest());
    }

    private void start(long sequence, Digest digest) {
        if (fetch != null && sequence <= fetch.checkpoint()) {
            return;
        }
        if (fetch == null) {
            execution.rollBackTentative();
        }
        fetch = new CheckpointFetch(context.services.store(), sequence, digest,
                fetch == null ? Map.of() : fetch.fetchedObjects());
        context.fetchingState = true;
        inFlight.clear();
        context.services.observer().stateTransferStarted(context.self, sequence);
        askMore();
    }

    // ---- the fetcher ----

    void onMetaData(int sender, MetaData message) {
        if (fetch == null) {
            context.counters.drop(DropReason.UNWANTED_STATE);
            return;
        }
        CheckpointFetch.Verdict verdict = fetch.acceptMetaData(message.checkpoint(), message.level(),
                message.index(), message.children());
        if (accepted(sender, verdict, key(message.level(), message.index()))) {
            context.counters.stateFetched(false, (long) message.children().size() * SUMMARY_BYTES);
            askMore();
        }
    }

    void onData(int sender, Data message) {
        if (fetch == null) {
            context.counters.drop(DropReason.UNWANTED_STATE);
            return;
        }
        CheckpointFetch.Verdict verdict = fetch.acceptData(message.index(), message.lastModified(), message.value());
        if (accepted(sender, verdict, key(context.services.store().leafLevel(), message.index()))) {
            context.counters.stateFetched(true, message.value().length());
            askMore();
        }
    }

    /** A root META-DATA-DIGEST is a replica's word on its stable checkpoint, like a CHECKPOINT message. */
    void onMetaDataDigest(int sender, MetaDataDigest message) {
        if (message.level() != 0 || message.index() != 0) {
            context.counters.drop(DropReason.UNWANTED_STATE);
            return;
        }
        checkpoints.onCheckpoint(sender, new Checkpoint(message.checkpoint(), message.digest(), sender));
    }

    /**
     * Every status period: asks the next replier for whatever the current one left unanswered,
     * and fetches a checkpoint the group made stable if this replica stopped executing below it.
     */
    void onStatusTimer() {
        if (fetch != null) {
            if (!progressSinceTick && !inFlight.isEmpty()) {
                nextReplier();
                List<CheckpointFetch.WantedNode> again = new ArrayList<>(inFlight.values());
                inFlight.clear();
                for (CheckpointFetch.WantedNode node : again) {
                    ask(node);
                }
            }
            progressSinceTick = false;
            return;
        }
        boolean stalled = context.lastCommitted == executedAtLastTick;
        executedAtLastTick = context.lastCommitted;
        if (stalled) { // also while changing view: a replica alone in a higher view still catches up
            Checkpoint stable = checkpoints.groupStableAbove(context.lastCommitted);
            if (stable != null) {
                fetch(stable.sequence(), stable.stateDigest());
            }
        }
    }

    private boolean accepted(int sender, CheckpointFetch.Verdict verdict, long key) {
        switch (verdict) {
            case ACCEPTED -> {
                inFlight.remove(key);
                progressSinceTick = true;
                return true;
            }
            case NOT_WANTED -> context.counters.drop(DropReason.UNWANTED_STATE);
            case WRONG_DIGEST, MALFORMED -> {
                context.counters.drop(verdict == CheckpointFetch.Verdict.WRONG_DIGEST
                        ? DropReason.WRONG_STATE_DIGEST : DropReason.MALFORMED_STATE);
                context.services.observer().stateRefused(context.self, sender, verdict.name());
                CheckpointFetch.WantedNode node = inFlight.remove(key);
                if (sender == replier) {
                    nextReplier();
                }
                if (node != null) {
                    ask(node);
                }
            }
        }
        return false;
    }

    private void askMore() {
        if (fetch.isComplete()) {
            install();
            return;
        }
        while (inFlight.size() < FETCHES_IN_FLIGHT_MAX) {
            CheckpointFetch.WantedNode node = fetch.nextUnasked();
            if (node == null) {
                return;
            }
            ask(node);
        }
    }

    private void ask(CheckpointFetch.WantedNode node) {
        inFlight.put(key(node.level(), node.index()), node);
        Fetch message = new Fetch(node.level(), node.index(), Fetch.NONE, fetch.checkpoint(), replier, context.self);
        context.counters.fetchSent();
        if (node.level() == 0) {
            context.outbox.multicast(message); // the others answer with where they are
        } else {
            context.outbox.send(replier, message);
        }
    }

    private void nextReplier() {
        do {
            replier = (replier + 1) % context.quorums.n();
        } while (replier == context.self);
    }

    private void install() {
        CheckpointFetch done = fetch;
        fetch = null;
        inFlight.clear();
        if (!done.install()) {
            // Objects here had been changed behind the library's back, so the tree lied about them;
            // it now tells the truth, and the same checkpoint is fetched again against it.
            context.counters.stateCorruptionDetected();
            context.services.observer().stateCorruptionDetected(context.self, done.checkpoint());
            start(done.checkpoint(), done.digest());
            return;
        }
        context.fetchingState = false;
        long sequence = done.checkpoint();
        context.lastExecuted = sequence;
        context.lastCommitted = sequence;
        long agreedTime = Math.max(0, context.replyCache.agreedTime());
        context.lastAgreedTimeMillis = agreedTime;
        context.committedAgreedTimeMillis = agreedTime;
        if (context.missingCheckpoint != null && context.missingCheckpoint.sequence() <= sequence) {
            context.missingCheckpoint = null;
        }
        context.requestStore.discardAnsweredBy(sequence, context.replyCache::lastTimestamp);
        context.counters.checkpointFetched();
        context.services.observer().stateTransferred(context.self, sequence, done.digest(),
                done.partitionsVerified());
        checkpoints.installed(sequence, done.digest(), true);
        execution.run();
    }

    // ---- the replier ----

    void onFetch(int sender, Fetch message) {
        ObjectStore store = context.services.store();
        if (message.replica() != sender || !store.isPartition(message.level(), message.index())) {
            context.counters.drop(DropReason.MALFORMED_FETCH);
            return;
        }
        boolean designated = message.designatedReplier() == context.self || message.designatedReplier() == Fetch.NONE;
        if (!designated) {
            answerWithStableDigest(sender, message);
            return;
        }
        long checkpoint = message.checkpoint() == Fetch.NONE ? context.log.lowWaterMark() : message.checkpoint();
        if (!store.isRetained(checkpoint)) {
            context.counters.drop(DropReason.FETCH_CHECKPOINT_NOT_HELD);
            return;
        }
        int level = message.level();
        if (level == store.leafLevel()) {
            int index = Math.toIntExact(message.index());
            PartitionNode leaf = store.partitionAt(checkpoint, level, index);
            context.outbox.send(sender, new Data(index, leaf.lastModified(), store.valueAt(checkpoint, index),
                    context.self));
        } else {
            List<PartitionSummary> children = new ArrayList<>(16);
            for (PartitionNode child : store.childrenAt(checkpoint, level, message.index())) {
                children.add(new PartitionSummary(child.index(), child.lastModified(), child.digest()));
            }
            context.outbox.send(sender, new MetaData(checkpoint, level, message.index(), children, context.self));
        }
        context.counters.fetchAnswered();
    }

    /** A non-designated replica tells a fetcher of the root its stable checkpoint, certifying it with others. */
    private void answerWithStableDigest(int sender, Fetch message) {
        if (message.level() != 0) {
            return; // only the designated replier answers below the root
        }
        long stable = context.log.lowWaterMark();
        Digest own = checkpoints.ownDigest(stable);
        if (own == null || !context.services.store().isRetained(stable)) {
            return;
        }
        context.outbox.send(sender, new MetaDataDigest(stable, 0, 0, own, context.self));
        context.counters.fetchAnswered();
    }

    /** Bytes a partition summary stands for in the count of bytes fetched: index, lm and a 32-byte digest. */
    private static final int SUMMARY_BYTES = Long.BYTES + Long.BYTES + 32;

    private static long key(int level, long index) {
        return ((long) level << 48) | index;
    }

    int inFlight() {
        return inFlight.size();
    }

    /** The objects fetched so far, for tests. */
    Map<Integer, FetchedObject> fetchedSoFar() {
        return fetch == null ? Map.of() : fetch.fetchedObjects();
    }
}
