package org.bftee.core.state;

import java.util.HashMap;
import java.util.Map;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/**
 * A checkpoint the store still holds, kept by copy-on-write: only what changed after it is saved
 * here, as it was at this checkpoint. Whatever is not saved here is as in the next retained
 * checkpoint (for objects after the newest one: as in the current state; for partition tree nodes
 * after the newest one: as in the tree itself, which changes only when a checkpoint is taken).
 */
final class RetainedCheckpoint {

    final long sequence;
    final Digest digest;

    /**
     * Values at this checkpoint of the objects written after it: the copies of copy-on-write. Only
     * the newest checkpoint gains entries; when the next one is taken, entries whose object was
     * written back to its old value are dropped, so that every remaining entry changed.
     */
    final Map<Integer, Bytes> savedObjects = new HashMap<>();

    /** Tree nodes at this checkpoint that the next checkpoint replaced, by {@link #nodeKey}. */
    final Map<Long, PartitionNode> savedNodes = new HashMap<>();

    RetainedCheckpoint(long sequence, Digest digest) {
        this.sequence = sequence;
        this.digest = digest;
    }

    static long nodeKey(int level, long index) {
        return ((long) level << 32) | index;
    }

    @Override
    public String toString() {
        return "checkpoint " + sequence + " (" + digest + ", " + savedObjects.size() + " objects saved)";
    }
}
