package org.bftee.core.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.message.Bytes;

/**
 * The service state: a fixed array of objects with copy-on-write checkpoints, a partition tree
 * giving each checkpoint one digest, and undo of tentatively executed batches and of atomic
 * operations. Single-threaded: owned by the replica core.
 *
 * <p>How the replica drives it:
 * <ol>
 *   <li>Before executing batch {@code s} (tentatively or not), {@link #beginBatch(long) beginBatch(s)},
 *       {@code s} above the newest checkpoint and the previous batch. Writes are allowed only inside
 *       a batch, which stays open until the next checkpoint, undo or rollback; the first write of
 *       each object in it is kept in the batch's undo log.</li>
 *   <li>To execute one request atomically (several operations, all or nothing),
 *       {@link #beginAtomic()}, then {@link #commitAtomic()} or {@link #abortAtomic()}; abort puts back
 *       every object the request wrote.</li>
 *   <li>After executing a batch with {@code s mod K == 0}, {@link #checkpoint(long) checkpoint(s)}: it
 *       returns the digest for the CHECKPOINT message and retains the checkpoint; the batch undo logs
 *       are dropped (the checkpoint now covers them).</li>
 *   <li>When a checkpoint becomes stable, {@link #discardCheckpointsBefore(long)} with its sequence
 *       number.</li>
 *   <li>When a view change aborts tentative executions: {@link #undoBatchesAbove(long)} with the last
 *       committed sequence number if it is at or above the newest checkpoint, otherwise
 *       {@link #rollbackTo(long)} a retained checkpoint and re-execute from there.</li>
 * </ol>
 * Calls out of this order are replica bugs and throw at once.
 *
 * <p>Undo model: undo logs per executed batch above the newest checkpoint (fine-grained, to abort
 * only the tentative batches), copy-on-write checkpoint copies below it (coarse, across
 * checkpoints). A restored object keeps its place among the written objects, so at the next
 * checkpoint every written object is compared with its value at the previous checkpoint, and only
 * the objects whose value differs get a new {@code lm}: the digest depends on the values alone,
 * never on which tentative batches were executed and undone, as agreement needs.
 */
public final class ObjectStore implements ObjectStoreView {

    /** The sequence number of the initial checkpoint, where every object is empty (the thesis' {@code h = 0}). */
    public static final long INITIAL_CHECKPOINT = 0;

    private final ObjectStoreLimits limits;
    /** The service's objects are {@code [0, serviceObjects)}; the library's follow them. */
    private final int serviceObjects;
    private final Bytes[] current;
    private final PartitionTree tree;
    private final CheckpointHistory history;
    private final Deque<UndoLog> batches = new ArrayDeque<>();
    private UndoLog atomic;
    /** Whether writes go to the last batch: from beginBatch until a checkpoint, undo or rollback closes it. */
    private boolean batchOpen;
    private long objectsCopied;
    /** Changes of any kind so far, so that the invariants are rechecked only after one. */
    private long mutations;
    private long mutationsChecked = -1;

    /**
     * A store of {@code limits.objectCount()} objects for the service and {@code libraryObjects}
     * more for the replication library's own state (its reply cache and agreed time, which must be
     * checkpointed and transferred with the service's objects). The service sees only its own.
     */
    public ObjectStore(ObjectStoreLimits limits, DigestAlgorithm algorithm, int libraryObjects) {
        this.limits = Objects.requireNonNull(limits, "limits");
        if (libraryObjects < 0 || (long) limits.objectCount() + libraryObjects
                > ObjectStoreLimits.OBJECT_COUNT_ABSOLUTE_MAX) {
            throw new IllegalArgumentException(limits.objectCount() + " service objects and " + libraryObjects
                    + " library objects exceed the hard maximum of " + ObjectStoreLimits.OBJECT_COUNT_ABSOLUTE_MAX);
        }
        this.serviceObjects = limits.objectCount();
        this.current = new Bytes[serviceObjects + libraryObjects];
        Arrays.fill(current, Bytes.EMPTY);
        this.tree = new PartitionTree(current.length, algorithm);
        this.history = new CheckpointHistory(new RetainedCheckpoint(INITIAL_CHECKPOINT, tree.root()),
                limits.checkpointsRetainedMax());
    }

    public ObjectStore(ObjectStoreLimits limits, DigestAlgorithm algorithm) {
        this(limits, algorithm, 0);
    }

    public ObjectStore(ObjectStoreLimits limits) {
        this(limits, DigestAlgorithm.DEFAULT);
    }

    public ObjectStoreLimits limits() {
        return limits;
    }

    /** The service's objects; the library's are not counted here. */
    @Override
    public int objectCount() {
        return serviceObjects;
    }

    public int libraryObjectCount() {
        return current.length - serviceObjects;
    }

    /** Every object, the service's and the library's: the leaves of the partition tree. */
    public int totalObjectCount() {
        return current.length;
    }

    @Override
    public int objectBytesMax() {
        return limits.objectBytesMax();
    }

    @Override
    public Bytes read(int index) {
        return current[Objects.checkIndex(index, serviceObjects)];
    }

    @Override
    public void write(int index, Bytes value) {
        writeAt(Objects.checkIndex(index, serviceObjects), value);
    }

    /** Library object {@code index}, {@code 0 <= index < libraryObjectCount()}. */
    public Bytes readLibrary(int index) {
        return current[serviceObjects + Objects.checkIndex(index, libraryObjectCount())];
    }

    /** Writes library object {@code index} inside a batch: undone, checkpointed and transferred like any other. */
    public void writeLibrary(int index, Bytes value) {
        writeAt(serviceObjects + Objects.checkIndex(index, libraryObjectCount()), value);
    }

    private void writeAt(int index, Bytes value) {
        mutations++;
        if (value.length() > limits.objectBytesMax()) {
            throw new IllegalArgumentException("object " + index + ": " + value.length() + " bytes exceed the limit of "
                    + limits.objectBytesMax());
        }
        if (!batchOpen) {
            throw new IllegalStateException("write to object " + index + " outside a batch: call beginBatch first");
        }
        UndoLog batch = batches.getLast();
        Bytes old = current[index];
        Map<Integer, Bytes> saved = history.newest().savedObjects;
        if (!saved.containsKey(index)) {
            saved.put(index, old);
            objectsCopied++;
        }
        batch.save(index, old);
        if (atomic != null) {
            atomic.save(index, old);
        }
        current[index] = value;
    }

    /** A view for read-only requests: writing through it is a service bug and throws. */
    public ObjectStoreView readOnlyView() {
        return new ReadOnlyView(this);
    }

    // ---- batches and atomic operations ----

    public void beginBatch(long sequence) {
        mutations++;
        requireNoAtomic("begin a batch");
        long floor = Math.max(history.newest().sequence, lastBatch());
        if (sequence <= floor) {
            throw new IllegalArgumentException("batch " + sequence + " is not above " + floor);
        }
        batches.addLast(new UndoLog(sequence));
        batchOpen = true;
    }

    /** The sequence number of the latest batch above the newest checkpoint, or that checkpoint's if none. */
    public long lastBatch() {
        UndoLog last = batches.peekLast();
        return last == null ? history.newest().sequence : last.sequence;
    }

    /** Undoes every batch above {@code sequence}, which is at or above the newest checkpoint, newest first. */
    public void undoBatchesAbove(long sequence) {
        mutations++;
        requireNoAtomic("undo batches");
        if (sequence < history.newest().sequence) {
            throw new IllegalArgumentException("batches below checkpoint " + history.newest().sequence
                    + " have no undo log: roll back to a checkpoint at or below " + sequence);
        }
        while (!batches.isEmpty() && batches.peekLast().sequence > sequence) {
            batches.removeLast().restoreInto(current);
        }
        batchOpen = false;
    }

    public void beginAtomic() {
        requireNoAtomic("begin an atomic operation");
        if (!batchOpen) {
            throw new IllegalStateException("an atomic operation runs inside a batch: call beginBatch first");
        }
        atomic = new UndoLog(UndoLog.ATOMIC);
    }

    public void commitAtomic() {
        requireAtomic();
        atomic = null;
    }

    /** Puts back every object written since {@link #beginAtomic()}. */
    public void abortAtomic() {
        mutations++;
        requireAtomic();
        atomic.restoreInto(current);
        atomic = null;
    }

    public boolean isAtomicOpen() {
        return atomic != null;
    }

    private void requireAtomic() {
        if (atomic == null) {
            throw new IllegalStateException("no atomic operation is open");
        }
    }

    private void requireNoAtomic(String action) {
        if (atomic != null) {
            throw new IllegalStateException("cannot " + action + " while an atomic operation is open");
        }
    }

    // ---- checkpoints ----

    /**
     * Takes checkpoint {@code sequence} of the current state and returns its digest, the partition
     * tree's root. Work: the objects written since the previous checkpoint, times the tree depth.
     */
    public Digest checkpoint(long sequence) {
        mutations++;
        requireNoAtomic("take a checkpoint");
        if (sequence < lastBatch() || sequence <= history.newest().sequence) {
            throw new IllegalArgumentException("checkpoint " + sequence + " is below the last batch " + lastBatch()
                    + " or not above the newest checkpoint " + history.newest().sequence);
        }
        RetainedCheckpoint previous = history.newest();
        int[] changed = changedSince(previous);
        tree.update(sequence, changed, index -> current[index],
                node -> previous.savedNodes.put(RetainedCheckpoint.nodeKey(node.level(), node.index()), node));
        history.add(new RetainedCheckpoint(sequence, tree.root()));
        batches.clear();
        batchOpen = false;
        return tree.root();
    }

    /**
     * The objects whose value differs from {@code previous}, ascending. Objects written back to
     * their old value are dropped from the checkpoint's copies: they did not change.
     */
    private int[] changedSince(RetainedCheckpoint previous) {
        Iterator<Map.Entry<Integer, Bytes>> saved = previous.savedObjects.entrySet().iterator();
        int[] changed = new int[previous.savedObjects.size()];
        int count = 0;
        while (saved.hasNext()) {
            Map.Entry<Integer, Bytes> entry = saved.next();
            if (entry.getValue().equals(current[entry.getKey()])) {
                saved.remove();
            } else {
                changed[count++] = entry.getKey();
            }
        }
        changed = Arrays.copyOf(changed, count);
        Arrays.sort(changed);
        return changed;
    }

    /** Frees the checkpoints below {@code sequence} (the new stable checkpoint); the newest is always kept. */
    public void discardCheckpointsBefore(long sequence) {
        mutations++;
        history.discardBefore(sequence);
    }

    /**
     * Restores the state and the tree to retained checkpoint {@code sequence}, drops the newer
     * checkpoints and every batch undo log.
     */
    public void rollbackTo(long sequence) {
        mutations++;
        requireNoAtomic("roll back");
        int target = history.require(sequence);
        List<RetainedCheckpoint> all = history.all();
        // Newest first, so that the copy kept by the oldest checkpoint at or above the target wins.
        for (int position = all.size() - 1; position >= target; position--) {
            all.get(position).savedObjects.forEach((index, value) -> current[index] = value);
        }
        for (int position = all.size() - 2; position >= target; position--) {
            all.get(position).savedNodes.values().forEach(tree::restore);
        }
        RetainedCheckpoint checkpoint = all.get(target);
        checkpoint.savedObjects.clear();
        checkpoint.savedNodes.clear();
        history.truncateAbove(target);
        batches.clear();
        batchOpen = false;
        if (!tree.root().equals(checkpoint.digest)) {
            throw new IllegalStateException("rollback to " + checkpoint + " produced root " + tree.root());
        }
    }

    public long newestCheckpoint() {
        return history.newest().sequence;
    }

    public long oldestCheckpoint() {
        return history.oldest().sequence;
    }

    /** The sequence numbers of the retained checkpoints, ascending. */
    public List<Long> retainedCheckpoints() {
        return history.sequences();
    }

    public boolean isRetained(long sequence) {
        return history.position(sequence) >= 0;
    }

    public Digest checkpointDigest(long sequence) {
        return history.get(sequence).digest;
    }

    // ---- state transfer ----

    /**
     * Installs checkpoint {@code sequence}, fetched by state transfer: the state goes back to the
     * newest checkpoint held here (dropping later batches), the {@code fetched} objects replace
     * theirs with the {@code lm} the group's tree gives them, and the result must have root
     * {@code digest}; it then becomes the only retained checkpoint.
     *
     * @return false if the result does not have root {@code digest}: the fetch was verified node by
     *         node against it, so the tree here did not match its own objects (changed behind the
     *         library's back). The tree is then rebuilt over the objects as they are, retained as
     *         checkpoint {@code sequence} with its own root, and a new fetch repairs what differs.
     */
    public boolean installFetched(long sequence, Digest digest, Map<Integer, FetchedObject> fetched) {
        mutations++;
        requireNoAtomic("install a fetched checkpoint");
        rollbackTo(history.newest().sequence);
        int[] changed = fetched.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int index : changed) {
            current[Objects.checkIndex(index, current.length)] = fetched.get(index).value();
        }
        tree.setLeaves(changed, index -> fetched.get(index).lastModified(), index -> current[index], node -> { });
        if (!tree.root().equals(digest)) {
            // The tree said objects held what they did not: they were changed behind the library's
            // back. The tree is rebuilt over what they hold, so that fetching again finds them.
            rebuildTree();
            history.resetTo(new RetainedCheckpoint(sequence, tree.root()));
            return false;
        }
        history.resetTo(new RetainedCheckpoint(sequence, digest));
        return true;
    }

    /** Recomputes every leaf digest from the objects as they are, keeping each leaf's lm. */
    private void rebuildTree() {
        int leaf = tree.leafLevel();
        int[] all = new int[current.length];
        long[] lastModified = new long[current.length];
        for (int index = 0; index < all.length; index++) {
            all[index] = index;
            lastModified[index] = tree.node(leaf, index).lastModified();
        }
        tree.setLeaves(all, index -> lastModified[index], index -> current[index], node -> { });
    }

    // ---- recovery ----

    /**
     * Goes back to the newest checkpoint, the state a recovering replica restarts from, and
     * recomputes every leaf digest from the objects' values to find objects changed behind the
     * library's back (by a compromised process, or a memory fault). The copies older retained
     * checkpoints keep are checked too: a checkpoint with a changed copy is dropped, with every older
     * one. If current objects were changed, the tree is rebuilt over the values as they are and the
     * newest checkpoint, now with the digest of what the objects really hold, is the only one kept:
     * it will differ from the group's, and the checkpoint comparison repairs it by state transfer.
     * Returns how many objects were found changed. Work proportional to the whole state.
     */
    public int restartFromNewestCheckpoint() {
        requireNoAtomic("check the objects");
        mutations++;
        long newest = history.newest().sequence;
        rollbackTo(newest);
        dropCheckpointsWithChangedCopies();
        int leaf = tree.leafLevel();
        List<Integer> tampered = new ArrayList<>();
        for (int index = 0; index < current.length; index++) {
            PartitionNode node = tree.node(leaf, index);
            if (!tree.leafDigest(index, node.lastModified(), current[index]).equals(node.digest())) {
                tampered.add(index);
            }
        }
        if (!tampered.isEmpty()) {
            int[] changed = tampered.stream().mapToInt(Integer::intValue).toArray();
            tree.setLeaves(changed, index -> tree.node(leaf, index).lastModified(), index -> current[index],
                    node -> { });
            history.resetTo(new RetainedCheckpoint(newest, tree.root()));
        }
        return tampered.size();
    }

    /** Drops the newest retained checkpoint (below the newest) holding a copy that fails its digest, and all older ones. */
    private void dropCheckpointsWithChangedCopies() {
        List<RetainedCheckpoint> all = history.all();
        int leaf = tree.leafLevel();
        for (int position = all.size() - 2; position >= 0; position--) {
            RetainedCheckpoint checkpoint = all.get(position);
            for (Map.Entry<Integer, Bytes> copy : checkpoint.savedObjects.entrySet()) {
                PartitionNode node = history.nodeAt(checkpoint.sequence, leaf, copy.getKey(), tree::node);
                if (!tree.leafDigest(copy.getKey(), node.lastModified(), copy.getValue()).equals(node.digest())) {
                    history.discardBefore(all.get(position + 1).sequence);
                    return;
                }
            }
        }
    }

    /**
     * Changes object {@code index} (service or library) without the library noticing: what an
     * attacker or a memory fault does. Only for tests of {@link #restartFromNewestCheckpoint()} and of
     * recovery; nothing in the product calls it.
     */
    public void tamperForTest(int index, Bytes value) {
        current[Objects.checkIndex(index, current.length)] = value;
        mutations++;
    }

    /**
     * Changes the copy an older retained checkpoint keeps of object {@code index}, if it keeps one,
     * without the library noticing. Only for tests of {@link #restartFromNewestCheckpoint()}.
     */
    public boolean tamperCopyForTest(int index, Bytes value) {
        for (RetainedCheckpoint checkpoint : history.all()) {
            if (checkpoint.savedObjects.containsKey(index)) {
                checkpoint.savedObjects.put(index, value);
                mutations++;
                return true;
            }
        }
        return false;
    }

    // ---- stable storage ----

    /**
     * The objects of retained checkpoint {@code checkpoint} that changed after checkpoint
     * {@code since} (their {@code lm} is above it), ascending: what a replica writes to stable
     * storage when it already wrote {@code since}; {@code since = 0} gives every object that is not
     * in its initial, empty state. Work proportional to the changed objects times the tree depth:
     * only the partitions whose {@code lm} is above {@code since} are walked.
     */
    public List<StoredObject> modifiedAfter(long since, long checkpoint) {
        history.require(checkpoint);
        List<StoredObject> modified = new ArrayList<>();
        collectModified(0, 0, since, checkpoint, modified);
        return modified;
    }

    private void collectModified(int level, long index, long since, long checkpoint, List<StoredObject> into) {
        PartitionNode node = history.nodeAt(checkpoint, level, (int) index, tree::node);
        if (node.lastModified() <= since) {
            return; // nothing below it changed after since
        }
        if (level == tree.leafLevel()) {
            into.add(new StoredObject((int) index, node.lastModified(), valueAt(checkpoint, (int) index)));
            return;
        }
        long first = index * PartitionTree.FAN_OUT;
        long end = Math.min(first + PartitionTree.FAN_OUT, tree.width(level + 1));
        for (long child = first; child < end; child++) {
            collectModified(level + 1, child, since, checkpoint, into);
        }
    }

    /**
     * Loads checkpoint {@code sequence} from stable storage into a store that has executed nothing:
     * the {@code objects} get their values and {@code lm}, every other object stays empty with
     * {@code lm} 0. Returns false and leaves the store empty if the result would not have root
     * {@code digest} (or an object is out of bounds): the stored state is corrupt, and the replica
     * must fetch the state from the group instead. Work proportional to the whole state.
     */
    public boolean restore(long sequence, Digest digest, Collection<StoredObject> objects) {
        if (history.newest().sequence != INITIAL_CHECKPOINT || !batches.isEmpty() || mutations > 0) {
            throw new IllegalStateException("restore into a store that already executed batches");
        }
        Bytes[] values = new Bytes[current.length];
        Arrays.fill(values, Bytes.EMPTY);
        long[] lastModified = new long[current.length];
        Map<Integer, FetchedObject> loaded = new HashMap<>();
        for (StoredObject object : objects) {
            if (object.index() >= current.length || object.lastModified() > sequence
                    || object.value().length() > limits.objectBytesMax()) {
                return false;
            }
            values[object.index()] = object.value();
            lastModified[object.index()] = object.lastModified();
            loaded.put(object.index(), new FetchedObject(object.lastModified(), object.value(), Digest.ZERO));
        }
        if (!tree.recomputeRoot(index -> values[index], index -> lastModified[index]).equals(digest)) {
            return false;
        }
        return installFetched(sequence, digest, loaded);
    }

    /** The digest a leaf with this value and {@code lm} has: what a DATA message is checked against. */
    Digest leafDigest(int index, long lastModified, Bytes value) {
        return tree.leafDigest(index, lastModified, value);
    }

    /** The digest a partition with these children has: what a META-DATA message is checked against. */
    Digest partitionDigest(int level, long index, long lastModified, Iterable<Digest> children) {
        return tree.partitionDigest(level, Math.toIntExact(index), lastModified, children);
    }

    /** Node {@code (level, index)} as of the newest checkpoint: what a fetcher compares with. */
    PartitionNode newestNode(int level, long index) {
        requirePartition(level, index);
        return tree.node(level, Math.toIntExact(index));
    }

    /** The number of nodes at {@code level}. */
    public int partitionWidth(int level) {
        return tree.width(level);
    }

    // ---- read-only access for state transfer ----

    /** The level of the objects; partitions are the levels above, 0 being the root. */
    public int leafLevel() {
        return tree.leafLevel();
    }

    public int partitionTreeFanOut() {
        return PartitionTree.FAN_OUT;
    }

    /** Whether {@code (level, index)} names a node; for checking indices that came from a peer. */
    public boolean isPartition(int level, long index) {
        return tree.isNode(level, index);
    }

    /** Node {@code (level, index)} as of retained checkpoint {@code checkpoint}. */
    public PartitionNode partitionAt(long checkpoint, int level, long index) {
        requirePartition(level, index);
        return history.nodeAt(checkpoint, level, (int) index, tree::node);
    }

    /** The children of partition {@code (level, index)} as of {@code checkpoint}: what META-DATA lists. */
    public List<PartitionNode> childrenAt(long checkpoint, int level, long index) {
        requirePartition(level, index);
        if (level >= tree.leafLevel()) {
            throw new IllegalArgumentException("level " + level + " holds objects, which have no children");
        }
        int first = Math.toIntExact(index * PartitionTree.FAN_OUT);
        int end = Math.min(first + PartitionTree.FAN_OUT, tree.width(level + 1));
        List<PartitionNode> children = new ArrayList<>(end - first);
        for (int child = first; child < end; child++) {
            children.add(history.nodeAt(checkpoint, level + 1, child, tree::node));
        }
        return children;
    }

    /** Object {@code index}'s value as of retained checkpoint {@code checkpoint}: what DATA carries. */
    public Bytes valueAt(long checkpoint, int index) {
        Objects.checkIndex(index, current.length);
        return history.valueAt(checkpoint, index, i -> current[i]);
    }

    private void requirePartition(int level, long index) {
        if (!tree.isNode(level, index)) {
            throw new IllegalArgumentException("no partition (" + level + ", " + index + ") in the tree");
        }
    }

    // ---- counters and invariants ----

    /** Objects copied by copy-on-write since construction. */
    public long objectsCopied() {
        return objectsCopied;
    }

    /** Leaf digests computed when taking checkpoints since construction. */
    public long leafDigestsComputed() {
        return tree.leafDigestsComputed();
    }

    /**
     * Recomputes every retained checkpoint's tree from the objects' values and compares it with the
     * incremental one. Cost proportional to the state size times the retained checkpoints: for
     * tests and for the recovery check, not for every step.
     */
    public void checkInvariants() {
        StoreInvariants.check(this, tree, history, batches);
        mutationsChecked = mutations;
    }

    /** {@link #checkInvariants()} if anything changed since the last check: for checks after every event. */
    public void checkInvariantsIfChanged() {
        if (mutations != mutationsChecked) {
            checkInvariants();
        }
    }
}
