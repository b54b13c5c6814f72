package org.bftee.runtime.storage;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/**
 * One checkpoint as read back from disk: the whole service state at {@code sequence}.
 *
 * @param sequence    the checkpoint's sequence number
 * @param digest      the state digest saved with it; the storage does not recompute it (it has no partition
 *                    tree), so a replica rebuilding its object store should compare the tree's root with it
 * @param objectCount objects in the state
 * @param objects     the non-empty objects by index, ascending; every other object is empty
 */
public record StoredCheckpoint(long sequence, Digest digest, int objectCount, SortedMap<Integer, Bytes> objects) {

    public StoredCheckpoint {
        Objects.requireNonNull(digest, "digest");
        objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    /** Object {@code index}'s value, empty when the checkpoint does not hold it. */
    public Bytes object(int index) {
        Objects.checkIndex(index, objectCount);
        return objects.getOrDefault(index, Bytes.EMPTY);
    }

    @Override
    public String toString() {
        return "checkpoint " + sequence + " (digest " + digest + ", " + objects.size() + " of " + objectCount
                + " objects non-empty)";
    }
}
