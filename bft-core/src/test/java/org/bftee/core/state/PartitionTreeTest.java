package org.bftee.core.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.Test;

class PartitionTreeTest {

    @Test
    void shapeHasOneRootAndTheFewestLevels() {
        assertArrayEquals(new int[] {1, 1}, PartitionTree.shape(1));
        assertArrayEquals(new int[] {1, 16}, PartitionTree.shape(16));
        assertArrayEquals(new int[] {1, 2, 17}, PartitionTree.shape(17));
        assertArrayEquals(new int[] {1, 16, 256}, PartitionTree.shape(256));
        assertArrayEquals(new int[] {1, 2, 17, 257}, PartitionTree.shape(257));
    }

    @Test
    void digestsFollowTheDocumentedFormat() throws Exception {
        // Three objects: one partition (the root) over three leaves. Computed here from the
        // specification in PartitionTree's Javadoc with the JDK directly, so that a change of the
        // format, which every replica must share, breaks this test.
        ObjectStore store = new ObjectStore(new ObjectStoreLimits(3, 64, 4));
        Digest[] leaves = {leaf(0, 0, new byte[0]), leaf(1, 0, new byte[0]), leaf(2, 0, new byte[0])};
        assertEquals(partition(0, 0, 0, leaves), store.checkpointDigest(0));

        store.beginBatch(1);
        store.write(1, Bytes.of(new byte[] {7, 8}));
        Digest digest = store.checkpoint(5);
        leaves[1] = leaf(1, 5, new byte[] {7, 8});
        assertEquals(partition(0, 0, 5, leaves), digest);
        assertEquals(new PartitionNode(1, 1, 5, leaves[1]), store.partitionAt(5, 1, 1));
        assertEquals(new PartitionNode(1, 2, 0, leaves[2]), store.partitionAt(5, 1, 2));
    }

    @Test
    void leafAndPartitionDigestsAreDomainSeparated() throws Exception {
        // A leaf (index 1, lm 0, a 32-byte value d) and a partition (level 1, index 0, lm 32, one
        // child d) have byte-for-byte the same preimage after the first byte. Only the tag tells
        // them apart, so a fetched object can never pass for a partition or the reverse.
        PartitionTree tree = new PartitionTree(1, DigestAlgorithm.SHA_256);
        byte[] d = new byte[32];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (i * 7);
        }
        Digest child = Digest.of(d);
        byte[] tail = ByteBuffer.allocate(4 + 4 + 8 + 32).putInt(1).putInt(0).putLong(32).put(d).array();

        Digest asLeaf = tree.leafDigest(1, 0, Bytes.of(d));
        Digest asPartition = tree.partitionDigest(1, 0, 32, List.of(child));

        assertNotEquals(asLeaf, asPartition);
        assertEquals(sha256((byte) 0x00, tail), asLeaf);
        assertEquals(sha256((byte) 0x01, tail), asPartition);
    }

    @Test
    void leafDigestBindsIndexLastModifiedAndValue() {
        PartitionTree tree = new PartitionTree(1, DigestAlgorithm.SHA_256);
        Digest base = tree.leafDigest(3, 10, Bytes.of(new byte[] {1}));
        assertNotEquals(base, tree.leafDigest(4, 10, Bytes.of(new byte[] {1})));
        assertNotEquals(base, tree.leafDigest(3, 11, Bytes.of(new byte[] {1})));
        assertNotEquals(base, tree.leafDigest(3, 10, Bytes.of(new byte[] {2})));
        assertNotEquals(tree.leafDigest(3, 10, Bytes.EMPTY), tree.leafDigest(3, 10, Bytes.of(new byte[] {0})));
    }

    private static Digest leaf(int index, long lm, byte[] value) throws Exception {
        byte[] tail = ByteBuffer.allocate(4 + 8 + 4 + value.length).putInt(index).putLong(lm).putInt(value.length)
                .put(value).array();
        return sha256((byte) 0x00, tail);
    }

    private static Digest partition(int level, int index, long lm, Digest[] children) throws Exception {
        ByteBuffer tail = ByteBuffer.allocate(4 + 4 + 8 + 32 * children.length).putInt(level).putInt(index).putLong(lm);
        for (Digest child : children) {
            tail.put(child.toByteArray());
        }
        return sha256((byte) 0x01, tail.array());
    }

    private static Digest sha256(byte tag, byte[] tail) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(tag);
        return Digest.of(sha.digest(tail));
    }
}
