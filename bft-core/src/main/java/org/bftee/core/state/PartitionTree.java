package org.bftee.core.state;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Bytes;

/**
 * The partition tree of the thesis: a Merkle tree over the objects whose every node keeps its digest
 * and {@code lm}, the checkpoint at which it last changed. Its root digest is the checkpoint digest.
 *
 * <p>It holds the tree as of the newest checkpoint only; {@link ObjectStore} keeps the nodes of
 * older retained checkpoints by copy-on-write. It changes only in {@link #update}, whose work is
 * proportional to the changed leaves times the depth (times {@link #FAN_OUT} digest reads).
 *
 * <p>Digest formats (a contract between replicas, since state transfer checks what it fetches
 * against them; integers big-endian). The first byte separates leaves from partitions, as in RFC
 * 6962, so that no object value can be passed off as a partition or the reverse:
 * <pre>
 *   leaf      = H(0x00 || index:u32 || lm:i64 || length:u32 || value)
 *   partition = H(0x01 || level:u32 || index:u32 || lm:i64 || digest(child 0) || ... || digest(child k-1))
 * </pre>
 * where a partition's {@code lm} is the largest {@code lm} of its children and its children are the
 * nodes {@code index * FAN_OUT ...} of the level below that exist. Not thread-safe.
 */
final class PartitionTree {

    /** Children per partition. 16 keeps META-DATA messages small and the tree shallow (6 levels for 16M objects). */
    static final int FAN_OUT = 16;

    static final byte LEAF_TAG = 0x00;
    static final byte PARTITION_TAG = 0x01;

    private static final int HEADER_BYTES_MAX = 1 + 4 + 4 + 8 + 4;

    private final Digester digester;
    private final int[] width;
    private final Digest[][] digests;
    private final long[][] lastModified;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES_MAX);
    private long leafDigestsComputed;

    /** A tree over {@code objectCount} empty objects, all last modified at checkpoint 0. */
    PartitionTree(int objectCount, DigestAlgorithm algorithm) {
        this.digester = algorithm.newDigester();
        this.width = shape(objectCount);
        this.digests = new Digest[width.length][];
        this.lastModified = new long[width.length][];
        for (int level = 0; level < width.length; level++) {
            digests[level] = new Digest[width[level]];
            lastModified[level] = new long[width[level]];
        }
        int leaf = leafLevel();
        for (int index = 0; index < objectCount; index++) {
            digests[leaf][index] = leafDigest(index, 0, Bytes.EMPTY);
        }
        for (int level = leaf - 1; level >= 0; level--) {
            for (int index = 0; index < width[level]; index++) {
                updatePartition(level, index);
            }
        }
    }

    /**
     * Nodes per level, root first. At least two levels, so that the root is always a partition,
     * and the fewest levels such that {@code FAN_OUT^leafLevel >= objectCount}.
     */
    static int[] shape(int objectCount) {
        int levels = 2;
        for (long capacity = FAN_OUT; capacity < objectCount; capacity *= FAN_OUT) {
            levels++;
        }
        int[] width = new int[levels];
        width[levels - 1] = objectCount;
        for (int level = levels - 2; level >= 0; level--) {
            width[level] = (width[level + 1] + FAN_OUT - 1) / FAN_OUT;
        }
        if (width[0] != 1) {
            throw new IllegalStateException("partition tree without a single root: " + Arrays.toString(width));
        }
        return width;
    }

    int leafLevel() {
        return width.length - 1;
    }

    int width(int level) {
        return width[level];
    }

    boolean isNode(int level, long index) {
        return level >= 0 && level < width.length && index >= 0 && index < width[level];
    }

    PartitionNode node(int level, int index) {
        return new PartitionNode(level, index, lastModified[level][index], digests[level][index]);
    }

    Digest root() {
        return digests[0][0];
    }

    /** Leaf digests computed by {@link #update}, so tests can see that updates are incremental. */
    long leafDigestsComputed() {
        return leafDigestsComputed;
    }

    /** Puts back a node saved by {@link #update}; the caller restores a consistent set of nodes. */
    void restore(PartitionNode node) {
        int index = Math.toIntExact(node.index());
        digests[node.level()][index] = node.digest();
        lastModified[node.level()][index] = node.lastModified();
    }

    /**
     * Records checkpoint {@code sequence}: the leaves {@code changedLeaves} (ascending, distinct) get
     * {@code lm = sequence} and the digests of their current {@code values}; their ancestors are
     * recomputed. Each node is handed to {@code replaced} just before it is overwritten.
     */
    void update(long sequence, int[] changedLeaves, IntFunction<Bytes> values, Consumer<PartitionNode> replaced) {
        setLeaves(changedLeaves, index -> sequence, values, replaced);
    }

    /**
     * Sets the leaves {@code changedLeaves} (ascending, distinct) to their {@code values} with the
     * given {@code lm} each, and recomputes their ancestors: how state transfer installs objects it
     * fetched, each with the {@code lm} the group's tree gives it.
     */
    void setLeaves(int[] changedLeaves, IntToLongFunction leafLastModified, IntFunction<Bytes> values,
                   Consumer<PartitionNode> replaced) {
        int leaf = leafLevel();
        for (int index : changedLeaves) {
            replaced.accept(node(leaf, index));
            long lm = leafLastModified.applyAsLong(index);
            lastModified[leaf][index] = lm;
            digests[leaf][index] = leafDigest(index, lm, values.apply(index));
            leafDigestsComputed++;
        }
        int[] dirty = changedLeaves;
        for (int level = leaf - 1; level >= 0; level--) {
            dirty = parents(dirty);
            for (int index : dirty) {
                replaced.accept(node(level, index));
                updatePartition(level, index);
            }
        }
    }

    /** The distinct parents of ascending {@code children}, ascending. */
    private static int[] parents(int[] children) {
        int[] parents = new int[children.length];
        int count = 0;
        for (int child : children) {
            int parent = child / FAN_OUT;
            if (count == 0 || parents[count - 1] != parent) {
                parents[count++] = parent;
            }
        }
        return Arrays.copyOf(parents, count);
    }

    private void updatePartition(int level, int index) {
        int first = index * FAN_OUT;
        int end = Math.min(first + FAN_OUT, width[level + 1]);
        long lm = 0;
        for (int child = first; child < end; child++) {
            lm = Math.max(lm, lastModified[level + 1][child]);
        }
        lastModified[level][index] = lm;
        digests[level][index] = partitionDigest(level, index, lm, Arrays.asList(digests[level + 1]).subList(first, end));
    }

    Digest leafDigest(int index, long lm, Bytes value) {
        header.clear();
        header.put(LEAF_TAG).putInt(index).putLong(lm).putInt(value.length()).flip();
        return digester.update(header).update(value.asReadOnlyBuffer()).finish();
    }

    Digest partitionDigest(int level, int index, long lm, Iterable<Digest> children) {
        header.clear();
        header.put(PARTITION_TAG).putInt(level).putInt(index).putLong(lm).flip();
        digester.update(header);
        for (Digest child : children) {
            digester.update(child);
        }
        return digester.finish();
    }

    /** A node lookup: the tree itself, or the tree as of an older checkpoint. */
    interface NodeLookup {
        PartitionNode node(int level, int index);
    }

    /**
     * Checks {@code nodes} against a recomputation from {@code values} and the leaves' own
     * {@code lm}: every leaf digest, every partition's {@code lm} and digest. Throws
     * {@link IllegalStateException} naming the first node that differs.
     */
    void verify(NodeLookup nodes, IntFunction<Bytes> values) {
        int leaf = leafLevel();
        for (int index = 0; index < width[leaf]; index++) {
            PartitionNode node = nodes.node(leaf, index);
            Digest expected = leafDigest(index, node.lastModified(), values.apply(index));
            check(node, node.lastModified(), expected);
        }
        for (int level = leaf - 1; level >= 0; level--) {
            for (int index = 0; index < width[level]; index++) {
                int first = index * FAN_OUT;
                int end = Math.min(first + FAN_OUT, width[level + 1]);
                Digest[] children = new Digest[end - first];
                long lm = 0;
                for (int child = first; child < end; child++) {
                    PartitionNode childNode = nodes.node(level + 1, child);
                    children[child - first] = childNode.digest();
                    lm = Math.max(lm, childNode.lastModified());
                }
                check(nodes.node(level, index), lm, partitionDigest(level, index, lm, Arrays.asList(children)));
            }
        }
    }

    private static void check(PartitionNode node, long expectedLastModified, Digest expected) {
        if (node.lastModified() != expectedLastModified || !node.digest().equals(expected)) {
            throw new IllegalStateException("partition tree node " + node + " differs from its recomputation (lm "
                    + expectedLastModified + ", digest " + expected + ")");
        }
    }

    /** The root digest recomputed from scratch for objects with the given values and {@code lm}: for tests. */
    Digest recomputeRoot(IntFunction<Bytes> values, IntToLongFunction leafLastModified) {
        int leaf = leafLevel();
        Digest[] level = new Digest[width[leaf]];
        long[] lm = new long[width[leaf]];
        for (int index = 0; index < level.length; index++) {
            lm[index] = leafLastModified.applyAsLong(index);
            level[index] = leafDigest(index, lm[index], values.apply(index));
        }
        for (int depth = leaf - 1; depth >= 0; depth--) {
            Digest[] above = new Digest[width[depth]];
            long[] aboveLm = new long[width[depth]];
            for (int index = 0; index < above.length; index++) {
                int first = index * FAN_OUT;
                int end = Math.min(first + FAN_OUT, level.length);
                for (int child = first; child < end; child++) {
                    aboveLm[index] = Math.max(aboveLm[index], lm[child]);
                }
                above[index] = partitionDigest(depth, index, aboveLm[index], Arrays.asList(level).subList(first, end));
            }
            level = above;
            lm = aboveLm;
        }
        return level[0];
    }
}
