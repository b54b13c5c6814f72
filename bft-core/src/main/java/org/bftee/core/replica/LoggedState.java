package org.bftee.core.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Request;

/**
 * The records of a {@link DurableLog} folded into what a restarted replica resumes from: the last
 * view it entered and, per sequence number above the last stable checkpoint, its votes and what
 * prepared. It is itself a {@link DurableLog} that keeps everything in memory: drivers replay their
 * stored records into one at start, and the simulator keeps one on a replica's simulated disk.
 *
 * <p>Bounded like the replica's own log: per sequence number the latest vote of each kind and the
 * latest {@link #ACCEPTED_VOTES_MAX} accepted batches (the view change's Q keeps no more), and
 * nothing at or below the stable checkpoint.
 */
public final class LoggedState implements DurableLog {

    /** Accepted batches kept per sequence number, as in a VIEW-CHANGE's Q ({@code f + 2} for the largest groups we test). */
    public static final int ACCEPTED_VOTES_MAX = 8;

    /** One vote as logged. */
    public record Vote(long view, Digest batchDigest, PrePrepare batch, List<Digest> entryDigests,
                       List<Request> largeBodies, boolean accepted) {
    }

    /** What one sequence number went through. */
    public static final class Slot {
        private final List<Vote> accepted = new ArrayList<>();
        private Vote latest;
        private long preparedView = -1;
        private Digest preparedDigest;

        /** The accepted batches, oldest first. */
        public List<Vote> accepted() {
            return List.copyOf(accepted);
        }

        /** The latest vote of any kind, or null. */
        public Vote latestVote() {
            return latest;
        }

        /** The view of the latest batch that prepared here, or -1. */
        public long preparedView() {
            return preparedView;
        }

        /** The latest batch that prepared here, or null. */
        public Digest preparedDigest() {
            return preparedDigest;
        }
    }

    private long view;
    private boolean viewActive = true;
    private boolean anything;
    private long stable;
    private final NavigableMap<Long, Slot> slots = new TreeMap<>();

    /** Whether nothing was ever logged: a replica starts as if new. */
    public boolean isEmpty() {
        return !anything;
    }

    /** The last view entered. */
    public long view() {
        return view;
    }

    /** Whether that view was installed (false: the replica was changing to it). */
    public boolean viewActive() {
        return viewActive;
    }

    /** The last stable checkpoint logged. */
    public long stable() {
        return stable;
    }

    /** The sequence numbers above the stable checkpoint with records, ascending, and their records. */
    public NavigableMap<Long, Slot> slots() {
        return java.util.Collections.unmodifiableNavigableMap(slots);
    }

    @Override
    public void viewEntered(long newView, boolean active) {
        anything = true;
        if (newView > view || newView == view && active) {
            view = newView;
            viewActive = active;
        }
    }

    @Override
    public void voted(long voteView, long sequence, Digest batchDigest, PrePrepare batch, List<Digest> entryDigests,
                      List<Request> largeBodies, boolean accepted) {
        if (sequence <= stable) {
            return;
        }
        anything = true;
        Slot slot = slots.computeIfAbsent(sequence, s -> new Slot());
        Vote vote = new Vote(voteView, batchDigest, batch, List.copyOf(entryDigests), List.copyOf(largeBodies),
                accepted);
        slot.latest = vote;
        if (accepted) {
            slot.accepted.removeIf(known -> known.batchDigest().equals(batchDigest) && known.view() <= voteView);
            slot.accepted.add(vote);
            if (slot.accepted.size() > ACCEPTED_VOTES_MAX) {
                slot.accepted.remove(0);
            }
        }
    }

    @Override
    public void prepared(long preparedInView, long sequence, Digest batchDigest) {
        if (sequence <= stable) {
            return;
        }
        anything = true;
        Slot slot = slots.computeIfAbsent(sequence, s -> new Slot());
        if (preparedInView >= slot.preparedView) {
            slot.preparedView = preparedInView;
            slot.preparedDigest = batchDigest;
        }
    }

    @Override
    public void stable(long sequence) {
        if (sequence <= stable) {
            return;
        }
        anything = true;
        stable = sequence;
        slots.headMap(sequence, true).clear();
    }
}
