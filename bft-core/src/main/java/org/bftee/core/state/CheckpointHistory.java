package org.bftee.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.bftee.core.message.Bytes;

/**
 * The retained checkpoints, oldest first, and the copy-on-write lookups that reconstruct an object
 * or a tree node as of any of them. A lookup walks from the wanted checkpoint towards the newest
 * and takes the first saved copy: the object (node) did not change between the wanted checkpoint
 * and the one holding that copy, and if no checkpoint holds one it has not changed since.
 */
final class CheckpointHistory {

    private final List<RetainedCheckpoint> retained = new ArrayList<>();
    private final int retainedMax;

    CheckpointHistory(RetainedCheckpoint initial, int retainedMax) {
        this.retainedMax = retainedMax;
        retained.add(initial);
    }

    RetainedCheckpoint newest() {
        return retained.get(retained.size() - 1);
    }

    RetainedCheckpoint oldest() {
        return retained.get(0);
    }

    List<RetainedCheckpoint> all() {
        return Collections.unmodifiableList(retained);
    }

    /** Appends a checkpoint newer than all others; more than the limit is a replica bug. */
    void add(RetainedCheckpoint checkpoint) {
        if (checkpoint.sequence <= newest().sequence) {
            throw new IllegalArgumentException("checkpoint " + checkpoint.sequence + " is not above the newest, "
                    + newest().sequence);
        }
        if (retained.size() >= retainedMax) {
            throw new IllegalStateException("already " + retained.size() + " checkpoints retained, the limit;"
                    + " discard the ones below the stable checkpoint first");
        }
        retained.add(checkpoint);
    }

    /** The position of the checkpoint at {@code sequence}, or a negative number when none is retained. */
    int position(long sequence) {
        int low = 0;
        int high = retained.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = retained.get(middle).sequence;
            if (found < sequence) {
                low = middle + 1;
            } else if (found > sequence) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    RetainedCheckpoint get(long sequence) {
        return retained.get(require(sequence));
    }

    int require(long sequence) {
        int position = position(sequence);
        if (position < 0) {
            throw new IllegalArgumentException("checkpoint " + sequence + " is not retained; retained: " + sequences());
        }
        return position;
    }

    List<Long> sequences() {
        List<Long> sequences = new ArrayList<>(retained.size());
        for (RetainedCheckpoint checkpoint : retained) {
            sequences.add(checkpoint.sequence);
        }
        return sequences;
    }

    /** Frees every checkpoint below {@code sequence}; the newest is always kept. */
    void discardBefore(long sequence) {
        if (sequence > newest().sequence) {
            throw new IllegalArgumentException("cannot discard checkpoints below " + sequence
                    + ": the newest checkpoint is " + newest().sequence);
        }
        int keepFrom = 0;
        while (retained.get(keepFrom).sequence < sequence) {
            keepFrom++;
        }
        retained.subList(0, keepFrom).clear();
    }

    /** Forgets every retained checkpoint: {@code checkpoint}, installed by state transfer, is the only one. */
    void resetTo(RetainedCheckpoint checkpoint) {
        retained.clear();
        retained.add(checkpoint);
    }

    /** Drops every checkpoint above the one at {@code position}, which becomes the newest. */
    void truncateAbove(int position) {
        retained.subList(position + 1, retained.size()).clear();
    }

    Bytes valueAt(long sequence, int index, IntFunction<Bytes> current) {
        for (int position = require(sequence); position < retained.size(); position++) {
            Bytes saved = retained.get(position).savedObjects.get(index);
            if (saved != null) {
                return saved;
            }
        }
        return current.apply(index);
    }

    PartitionNode nodeAt(long sequence, int level, int index, PartitionTree.NodeLookup current) {
        long key = RetainedCheckpoint.nodeKey(level, index);
        for (int position = require(sequence); position < retained.size(); position++) {
            PartitionNode saved = retained.get(position).savedNodes.get(key);
            if (saved != null) {
                return saved;
            }
        }
        return current.node(level, index);
    }
}
