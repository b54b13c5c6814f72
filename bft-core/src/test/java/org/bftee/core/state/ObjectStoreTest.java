package org.bftee.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.Test;

class ObjectStoreTest {

    private static final ObjectStoreLimits LIMITS = new ObjectStoreLimits(300, 64, 4);

    private final ObjectStore store = new ObjectStore(LIMITS);

    private static Bytes value(int b) {
        return Bytes.of(new byte[] {(byte) b});
    }

    @Test
    void startsEmptyWithInitialCheckpoint() {
        assertEquals(List.of(0L), store.retainedCheckpoints());
        assertEquals(Bytes.EMPTY, store.read(299));
        assertEquals(new ObjectStore(LIMITS).checkpointDigest(0), store.checkpointDigest(0));
        assertEquals(3, store.leafLevel());
        store.checkInvariants();
    }

    @Test
    void checkpointsAreRetainedAndReadableAsOfEach() {
        store.beginBatch(1);
        store.write(5, value(1));
        Digest first = store.checkpoint(10);
        store.beginBatch(11);
        store.write(5, value(2));
        store.write(6, value(3));
        Digest second = store.checkpoint(20);

        assertNotEquals(first, second);
        assertEquals(List.of(0L, 10L, 20L), store.retainedCheckpoints());
        assertEquals(Bytes.EMPTY, store.valueAt(0, 5));
        assertEquals(value(1), store.valueAt(10, 5));
        assertEquals(Bytes.EMPTY, store.valueAt(10, 6));
        assertEquals(value(2), store.valueAt(20, 5));
        assertEquals(10, store.partitionAt(10, store.leafLevel(), 5).lastModified());
        assertEquals(20, store.partitionAt(20, store.leafLevel(), 5).lastModified());
        assertEquals(0, store.partitionAt(20, store.leafLevel(), 7).lastModified());
        assertEquals(first, store.partitionAt(10, 0, 0).digest());
        store.checkInvariants();
    }

    @Test
    void copyOnWriteCopiesOnlyObjectsModifiedSinceTheLastCheckpoint() {
        store.beginBatch(1);
        store.write(1, value(1));
        store.write(1, value(2));
        store.write(2, value(1));
        store.beginBatch(2);
        store.write(1, value(3));
        assertEquals(2, store.objectsCopied());
        store.checkpoint(2);
        assertEquals(2, store.leafDigestsComputed());

        store.beginBatch(3);
        store.write(2, value(9));
        store.checkpoint(4);
        assertEquals(3, store.objectsCopied());
        assertEquals(3, store.leafDigestsComputed());
        store.checkInvariants();
    }

    @Test
    void writingBackTheOldValueLeavesDigestAndLastModifiedAlone() {
        store.beginBatch(1);
        store.write(3, value(1));
        Digest before = store.checkpoint(1);
        store.beginBatch(2);
        store.write(3, value(7));
        store.write(3, value(1));
        assertEquals(before, store.checkpoint(2));
        assertEquals(1, store.partitionAt(2, store.leafLevel(), 3).lastModified());
        store.checkInvariants();
    }

    @Test
    void rollbackRestoresStateAndTreeOfARetainedCheckpoint() {
        store.beginBatch(1);
        store.write(1, value(1));
        Digest first = store.checkpoint(1);
        store.beginBatch(2);
        store.write(1, value(2));
        store.write(200, value(2));
        store.checkpoint(2);
        store.beginBatch(3);
        store.write(2, value(3));

        store.rollbackTo(1);

        assertEquals(List.of(0L, 1L), store.retainedCheckpoints());
        assertEquals(value(1), store.read(1));
        assertEquals(Bytes.EMPTY, store.read(200));
        assertEquals(Bytes.EMPTY, store.read(2));
        assertEquals(first, store.checkpointDigest(1));
        store.checkInvariants();
        // Re-executing from the checkpoint reuses the sequence numbers above it.
        store.beginBatch(2);
        store.write(1, value(2));
        store.write(200, value(2));
        store.checkpoint(2);
        store.checkInvariants();
    }

    @Test
    void discardFreesOlderCheckpointsAndKeepsTheNewest() {
        store.beginBatch(1);
        store.write(1, value(1));
        store.checkpoint(1);
        store.beginBatch(2);
        store.write(1, value(2));
        store.checkpoint(2);

        store.discardCheckpointsBefore(2);

        assertEquals(List.of(2L), store.retainedCheckpoints());
        assertFalse(store.isRetained(1));
        assertThrows(IllegalArgumentException.class, () -> store.valueAt(1, 1));
        assertThrows(IllegalArgumentException.class, () -> store.rollbackTo(1));
        assertThrows(IllegalArgumentException.class, () -> store.discardCheckpointsBefore(3));
        store.checkInvariants();
    }

    @Test
    void undoBatchesAboveRestoresTheStateBeforeThem() {
        store.beginBatch(1);
        store.write(1, value(1));
        Digest checkpoint = store.checkpoint(1);
        store.beginBatch(2);
        store.write(1, value(2));
        store.beginBatch(3);
        store.write(1, value(3));
        store.write(2, value(3));

        store.undoBatchesAbove(2);
        assertThrows(IllegalStateException.class, () -> store.write(1, value(4)), "undo closes the batch");
        assertEquals(value(2), store.read(1));
        assertEquals(Bytes.EMPTY, store.read(2));
        assertEquals(2, store.lastBatch());

        store.undoBatchesAbove(1);
        assertEquals(value(1), store.read(1));
        assertEquals(checkpoint, store.checkpoint(3));
        assertThrows(IllegalArgumentException.class, () -> store.undoBatchesAbove(1));
        store.checkInvariants();
    }

    @Test
    void atomicAbortLeavesTheStateDigestEqual() {
        ObjectStore reference = new ObjectStore(LIMITS);
        for (ObjectStore each : List.of(store, reference)) {
            each.beginBatch(1);
            each.write(4, value(4));
        }
        store.beginAtomic();
        store.write(4, value(5));
        store.write(250, value(5));
        store.abortAtomic();
        store.beginAtomic();
        store.write(9, value(9));
        store.commitAtomic();
        reference.write(9, value(9));

        assertEquals(value(4), store.read(4));
        assertEquals(Bytes.EMPTY, store.read(250));
        assertEquals(reference.checkpoint(1), store.checkpoint(1));
        store.checkInvariants();
    }

    @Test
    void stateTransferAccessorsDescribeChildren() {
        store.beginBatch(1);
        store.write(17, value(1));
        store.checkpoint(8);
        List<PartitionNode> children = store.childrenAt(8, 1, 0);
        assertEquals(16, children.size());
        assertEquals(8, children.get(1).lastModified());
        assertEquals(0, children.get(0).lastModified());
        assertEquals(store.partitionAt(8, 2, 1), children.get(1));
        assertEquals(12, store.childrenAt(8, 2, 18).size()); // the last partition over objects 288..299
        assertEquals(2, store.childrenAt(8, 0, 0).size());
        assertTrue(store.isPartition(3, 299));
        assertFalse(store.isPartition(3, 300));
        assertFalse(store.isPartition(4, 0));
        assertThrows(IllegalArgumentException.class, () -> store.childrenAt(8, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> store.partitionAt(8, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> store.partitionAt(7, 0, 0));
    }

    @Test
    void misuseFailsLoudly() {
        assertThrows(IllegalStateException.class, () -> store.write(0, value(1)));
        assertThrows(IllegalStateException.class, store::beginAtomic);
        store.beginBatch(1);
        assertThrows(IndexOutOfBoundsException.class, () -> store.write(300, value(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> store.read(-1));
        assertThrows(IllegalArgumentException.class, () -> store.write(0, Bytes.of(new byte[65])));
        assertThrows(IllegalArgumentException.class, () -> store.beginBatch(1));
        assertThrows(IllegalStateException.class, () -> store.readOnlyView().write(0, value(1)));
        assertThrows(IllegalStateException.class, store::commitAtomic);
        store.beginAtomic();
        assertThrows(IllegalStateException.class, () -> store.checkpoint(2));
        assertThrows(IllegalStateException.class, () -> store.rollbackTo(0));
        assertThrows(IllegalStateException.class, () -> store.beginBatch(2));
        store.abortAtomic();
        assertThrows(IllegalArgumentException.class, () -> store.checkpoint(0));
        store.checkpoint(1);
        store.checkpoint(2);
        store.checkpoint(3);
        assertThrows(IllegalStateException.class, () -> store.checkpoint(4)); // four retained, the limit
    }

    @Test
    void limitsAreValidatedAndSizedFromTheProtocol() {
        assertThrows(IllegalArgumentException.class, () -> new ObjectStoreLimits(0, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new ObjectStoreLimits(1, ObjectStoreLimits.OBJECT_BYTES_ABSOLUTE_MAX + 1, 1));
        assertEquals(3, ObjectStoreLimits.problems(0, 0, 0).size());
        assertEquals(3, ObjectStoreLimits.checkpointsRetainedFor(ProtocolLimits.defaults()));
    }
}
