package org.bftee.core.state;

import java.util.Collection;
import java.util.List;

/**
 * The object store's invariants, checked from scratch (STYLE rule 3): for tests after every step,
 * never on the hot path. A violation is a bug in the store and throws {@link IllegalStateException}.
 */
final class StoreInvariants {

    private StoreInvariants() {
    }

    static void check(ObjectStore store, PartitionTree tree, CheckpointHistory history, Collection<UndoLog> batches) {
        List<RetainedCheckpoint> all = history.all();
        RetainedCheckpoint newest = history.newest();
        require(newest.digest.equals(tree.root()), "the tree root " + tree.root() + " is not the digest of " + newest);
        require(newest.savedNodes.isEmpty(), "the newest checkpoint holds saved tree nodes");
        for (RetainedCheckpoint checkpoint : all) {
            long sequence = checkpoint.sequence;
            tree.verify((level, index) -> store.partitionAt(sequence, level, index),
                    index -> store.valueAt(sequence, index));
            require(store.partitionAt(sequence, 0, 0).digest().equals(checkpoint.digest),
                    "the tree as of " + checkpoint + " has another root");
        }
        for (int position = 0; position + 1 < all.size(); position++) {
            checkCopies(store, tree, all.get(position), all.get(position + 1));
        }
        long floor = newest.sequence;
        for (UndoLog batch : batches) {
            require(batch.sequence > floor, "batch " + batch.sequence + " is not above " + floor);
            floor = batch.sequence;
        }
    }

    /**
     * The copies kept for {@code older} are exactly the objects whose {@code lm} became
     * {@code newer}'s sequence number, and each of them really changed.
     */
    private static void checkCopies(ObjectStore store, PartitionTree tree, RetainedCheckpoint older,
                                    RetainedCheckpoint newer) {
        int leaf = tree.leafLevel();
        for (int index = 0; index < tree.width(leaf); index++) {
            boolean copied = older.savedObjects.containsKey(index);
            boolean modified = store.partitionAt(newer.sequence, leaf, index).lastModified() == newer.sequence;
            require(copied == modified, "object " + index + ": copied at " + older + " is " + copied
                    + " but modified at " + newer.sequence + " is " + modified);
            if (copied) {
                require(!store.valueAt(older.sequence, index).equals(store.valueAt(newer.sequence, index)),
                        "object " + index + " is copied at " + older + " but did not change");
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("object store invariant violated: " + message);
        }
    }
}
