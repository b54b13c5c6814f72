package org.bftee.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.PartitionSummary;
import org.junit.jupiter.api.Test;

/**
 * A fetcher brought to a replier's checkpoint through {@link CheckpointFetch}, the replier answering
 * from its retained checkpoints as a replica does: only differing nodes are fetched, lies are
 * refused, objects of an earlier fetch are kept when they still match, and the installed state is
 * the replier's, library objects included.
 */
class CheckpointFetchTest {

    private static final ObjectStoreLimits LIMITS = new ObjectStoreLimits(600, 64, 8);
    private static final int LIBRARY = 9;

    private final ObjectStore replier = new ObjectStore(LIMITS, org.bftee.core.crypto.DigestAlgorithm.DEFAULT, LIBRARY);
    private final ObjectStore fetcher = new ObjectStore(LIMITS, org.bftee.core.crypto.DigestAlgorithm.DEFAULT, LIBRARY);

    private static Bytes value(int b) {
        return Bytes.of(new byte[] {(byte) b, (byte) (b >> 8)});
    }

    /** Executes batch {@code sequence} writing {@code writes} objects chosen by {@code random}, on both stores if {@code both}. */
    private static void batch(ObjectStore store, long sequence, SplittableRandom random, int writes) {
        store.beginBatch(sequence);
        for (int i = 0; i < writes; i++) {
            store.write(random.nextInt(LIMITS.objectCount()), value(random.nextInt(1 << 16)));
        }
        store.writeLibrary(random.nextInt(LIBRARY), value(random.nextInt(1 << 16)));
    }

    /** Answers every wanted node from the replier's checkpoint, as an honest designated replier does. */
    private static int fetchAll(CheckpointFetch fetch, ObjectStore from) {
        int answered = 0;
        CheckpointFetch.WantedNode node;
        while ((node = fetch.nextUnasked()) != null) {
            answered++;
            CheckpointFetch.Verdict verdict;
            if (node.level() == from.leafLevel()) {
                int index = Math.toIntExact(node.index());
                verdict = fetch.acceptData(index, from.partitionAt(fetch.checkpoint(), node.level(), index).lastModified(),
                        from.valueAt(fetch.checkpoint(), index));
            } else {
                verdict = fetch.acceptMetaData(fetch.checkpoint(), node.level(), node.index(),
                        summaries(from, fetch.checkpoint(), node.level(), node.index()));
            }
            assertEquals(CheckpointFetch.Verdict.ACCEPTED, verdict, "honest answer for " + node);
        }
        return answered;
    }

    private static List<PartitionSummary> summaries(ObjectStore from, long checkpoint, int level, long index) {
        List<PartitionSummary> children = new ArrayList<>();
        for (PartitionNode child : from.childrenAt(checkpoint, level, index)) {
            children.add(new PartitionSummary(child.index(), child.lastModified(), child.digest()));
        }
        return children;
    }

    @Test
    void aFetcherThatIsBehindFetchesOnlyWhatDiffersAndEndsWithTheReplierState() {
        SplittableRandom random = new SplittableRandom(7);
        SplittableRandom same = new SplittableRandom(7);
        batch(replier, 1, random, 20);
        replier.checkpoint(4);
        batch(fetcher, 1, same, 20);
        fetcher.checkpoint(4);
        batch(replier, 5, random, 3);
        Digest target = replier.checkpoint(8);

        CheckpointFetch fetch = new CheckpointFetch(fetcher, 8, target, Map.of());
        fetchAll(fetch, replier);
        assertTrue(fetch.isComplete());
        assertTrue(fetch.fetchedObjects().size() <= 4, "at most the 3 objects and 1 library object written since 4");
        fetch.install();

        assertEquals(target, fetcher.checkpointDigest(8));
        assertEquals(List.of(8L), fetcher.retainedCheckpoints());
        for (int index = 0; index < LIMITS.objectCount(); index++) {
            assertEquals(replier.read(index), fetcher.read(index), "object " + index);
        }
        for (int index = 0; index < LIBRARY; index++) {
            assertEquals(replier.readLibrary(index), fetcher.readLibrary(index), "library object " + index);
        }
        fetcher.checkInvariants();
        // The fetcher goes on like any replica: its next checkpoint matches the replier's.
        batch(replier, 9, new SplittableRandom(1), 5);
        batch(fetcher, 9, new SplittableRandom(1), 5);
        assertEquals(replier.checkpoint(12), fetcher.checkpoint(12));
    }

    @Test
    void uncheckpointedWritesOfTheFetcherAreDroppedAndAnEmptyFetcherGetsEverything() {
        SplittableRandom random = new SplittableRandom(3);
        batch(replier, 1, random, 50);
        Digest target = replier.checkpoint(4);
        fetcher.beginBatch(1);
        fetcher.write(17, value(99)); // executed, never checkpointed: not the group's state

        CheckpointFetch fetch = new CheckpointFetch(fetcher, 4, target, Map.of());
        fetchAll(fetch, replier);
        fetch.install();
        assertEquals(replier.read(17), fetcher.read(17));
        assertEquals(target, fetcher.checkpointDigest(4));
        fetcher.checkInvariants();
    }

    @Test
    void liesAreRefusedWithoutChangingWhatIsWanted() {
        batch(replier, 1, new SplittableRandom(5), 30);
        Digest target = replier.checkpoint(4);
        CheckpointFetch fetch = new CheckpointFetch(fetcher, 4, target, Map.of());
        CheckpointFetch.WantedNode root = fetch.nextUnasked();
        List<PartitionSummary> honest = summaries(replier, 4, 0, 0);

        List<PartitionSummary> wrongDigest = new ArrayList<>(honest);
        wrongDigest.set(0, new PartitionSummary(0, honest.get(0).lastModified(), Digest.ZERO));
        assertEquals(CheckpointFetch.Verdict.WRONG_DIGEST, fetch.acceptMetaData(4, 0, 0, wrongDigest));
        List<PartitionSummary> futureLm = new ArrayList<>(honest);
        futureLm.set(0, new PartitionSummary(0, 5, honest.get(0).digest()));
        assertEquals(CheckpointFetch.Verdict.MALFORMED, fetch.acceptMetaData(4, 0, 0, futureLm),
                "no node can have changed after the checkpoint");
        assertEquals(CheckpointFetch.Verdict.MALFORMED, fetch.acceptMetaData(4, 0, 0, honest.subList(1, honest.size())));
        assertEquals(CheckpointFetch.Verdict.NOT_WANTED, fetch.acceptMetaData(8, 0, 0, honest));
        assertEquals(CheckpointFetch.Verdict.NOT_WANTED, fetch.acceptData(3, 4, value(1)));
        assertTrue(fetch.isWanted(root.level(), root.index()));

        assertEquals(CheckpointFetch.Verdict.ACCEPTED, fetch.acceptMetaData(4, 0, 0, honest));
        // Down to a leaf, then a DATA with a flipped value or another lm.
        CheckpointFetch.WantedNode node = fetch.nextUnasked();
        while (node.level() < replier.leafLevel()) {
            assertEquals(CheckpointFetch.Verdict.ACCEPTED,
                    fetch.acceptMetaData(4, node.level(), node.index(), summaries(replier, 4, node.level(), node.index())));
            node = fetch.nextUnasked();
        }
        int index = Math.toIntExact(node.index());
        Bytes real = replier.valueAt(4, index);
        byte[] flipped = real.toByteArray();
        flipped[0] ^= 1;
        assertEquals(CheckpointFetch.Verdict.WRONG_DIGEST, fetch.acceptData(index, 4, Bytes.wrap(flipped)));
        assertEquals(CheckpointFetch.Verdict.WRONG_DIGEST, fetch.acceptData(index, 3, real));
        assertEquals(CheckpointFetch.Verdict.MALFORMED, fetch.acceptData(index, 4, Bytes.wrap(new byte[65])));
        assertEquals(CheckpointFetch.Verdict.ACCEPTED, fetch.acceptData(index, 4, real));
        assertEquals(CheckpointFetch.Verdict.NOT_WANTED, fetch.acceptData(index, 4, real), "already fetched");
    }

    @Test
    void whatIsWrittenToStableStorageRestoresTheCheckpointAndACorruptCopyIsRefused() {
        SplittableRandom random = new SplittableRandom(13);
        batch(replier, 1, random, 30);
        replier.checkpoint(4);
        java.util.Map<Integer, StoredObject> disk = new java.util.TreeMap<>();
        replier.modifiedAfter(0, 4).forEach(object -> disk.put(object.index(), object));
        batch(replier, 5, random, 3);
        Digest eight = replier.checkpoint(8);
        List<StoredObject> delta = replier.modifiedAfter(4, 8);
        assertTrue(delta.size() <= 4, "only what changed after 4: " + delta.size());
        delta.forEach(object -> disk.put(object.index(), object));

        assertTrue(fetcher.restore(8, eight, List.copyOf(disk.values())));
        assertEquals(eight, fetcher.checkpointDigest(8));
        for (int index = 0; index < LIMITS.objectCount(); index++) {
            assertEquals(replier.read(index), fetcher.read(index), "object " + index);
        }
        fetcher.checkInvariants();

        StoredObject victim = disk.values().iterator().next();
        disk.put(victim.index(), new StoredObject(victim.index(), victim.lastModified(), value(12345)));
        ObjectStore fresh = new ObjectStore(LIMITS, org.bftee.core.crypto.DigestAlgorithm.DEFAULT, LIBRARY);
        assertTrue(!fresh.restore(8, eight, List.copyOf(disk.values())), "a flipped value fails the digest");
        assertEquals(List.of(0L), fresh.retainedCheckpoints());
        fresh.checkInvariants();
    }

    @Test
    void aNewerTargetKeepsTheObjectsThatStillMatch() {
        SplittableRandom random = new SplittableRandom(11);
        batch(replier, 1, random, 40);
        Digest first = replier.checkpoint(4);
        CheckpointFetch old = new CheckpointFetch(fetcher, 4, first, Map.of());
        fetchAll(old, replier);
        int fetchedBefore = old.fetchedObjects().size();

        batch(replier, 5, random, 2);
        Digest second = replier.checkpoint(8);
        CheckpointFetch moved = new CheckpointFetch(fetcher, 8, second, old.fetchedObjects());
        int answered = 0;
        CheckpointFetch.WantedNode node;
        while ((node = moved.nextUnasked()) != null) {
            if (node.level() == replier.leafLevel()) {
                answered++;
                int index = Math.toIntExact(node.index());
                moved.acceptData(index, replier.partitionAt(8, node.level(), index).lastModified(),
                        replier.valueAt(8, index));
            } else {
                moved.acceptMetaData(8, node.level(), node.index(), summaries(replier, 8, node.level(), node.index()));
            }
        }
        assertTrue(answered <= 3, "only the objects written after 4 are fetched again, got " + answered
                + " of " + fetchedBefore);
        moved.install();
        assertEquals(second, fetcher.checkpointDigest(8));
        fetcher.checkInvariants();
    }
}
