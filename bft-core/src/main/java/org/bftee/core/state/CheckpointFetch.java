package org.bftee.core.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.PartitionSummary;

/**
 * What a fetcher knows while it brings its store to one certified checkpoint (PROTOCOL.md, "State
 * and state transfer"): the partition tree nodes it still needs, each with the digest its verified
 * parent gave it, and the objects already fetched. It walks the tree top down from the certified
 * root digest, descends only into nodes whose digest differs from its own newest checkpoint's, and
 * checks every META-DATA and DATA against the digest it expects: whoever sent a piece, it is
 * either exactly the group's or it is refused. It sends nothing; {@code StateTransfer} does.
 *
 * <p>A META-DATA lists every child of a partition (at most {@link PartitionTree#FAN_OUT}), not only
 * the ones changed after some checkpoint the fetcher names: with the whole list the fetcher checks
 * the partition's digest from the message alone and needs no trusted state of its own, which is
 * what a replica whose state may be corrupt needs.
 */
public final class CheckpointFetch {

    /**
     * A node to fetch and the digest it must turn out to have. Its {@code lastModified} is what the
     * parent's META-DATA said, and only a hint: a partition's digest covers its children's digests
     * but not their {@code lm}, so a liar can change an {@code lm} without being caught at the
     * parent. The node's own digest covers its {@code lm}, and that is what is checked. -1 for the root.
     */
    public record WantedNode(int level, long index, long lastModified, Digest digest) {
    }

    /** What became of a META-DATA or DATA message. */
    public enum Verdict {
        /** It was wanted and matches its certified digest. */
        ACCEPTED,
        /** Not a node this fetch waits for (already fetched, never asked for, another checkpoint): ignored. */
        NOT_WANTED,
        /** Wanted, but its content does not produce the certified digest: the sender lied or garbled it. */
        WRONG_DIGEST,
        /** Wanted, but its shape is wrong (children missing or out of place, a value over the limit). */
        MALFORMED
    }

    private final ObjectStore store;
    private final long checkpoint;
    private final Digest digest;
    private final Map<Long, WantedNode> wanted = new LinkedHashMap<>();
    /** Wanted nodes not yet handed out by {@link #nextUnasked()}, oldest first. */
    private final ArrayDeque<WantedNode> unasked = new ArrayDeque<>();
    /** Objects this fetch verified against its own tree: exactly what {@link #install()} writes. */
    private final Map<Integer, FetchedObject> fetched = new HashMap<>();
    /** Objects an earlier fetch verified, reused when this tree gives them the same digest. */
    private final Map<Integer, FetchedObject> kept;
    private long partitionsVerified;

    /**
     * Starts fetching checkpoint {@code checkpoint} with root {@code digest}, keeping the objects of
     * an earlier fetch in {@code kept}: those still matching the new tree are not fetched again.
     */
    public CheckpointFetch(ObjectStore store, long checkpoint, Digest digest, Map<Integer, FetchedObject> kept) {
        this.store = Objects.requireNonNull(store, "store");
        this.checkpoint = checkpoint;
        this.digest = Objects.requireNonNull(digest, "digest");
        this.kept = new HashMap<>(kept);
        if (!digest.equals(store.newestNode(0, 0).digest())) {
            want(new WantedNode(0, 0, -1, digest));
        }
    }

    public long checkpoint() {
        return checkpoint;
    }

    public Digest digest() {
        return digest;
    }

    /** The nodes still to fetch, in the order they became wanted. */
    public List<WantedNode> wanted() {
        return Collections.unmodifiableList(new ArrayList<>(wanted.values()));
    }

    public boolean isWanted(int level, long index) {
        return wanted.containsKey(RetainedCheckpoint.nodeKey(level, index));
    }

    /** The next wanted node not handed out before, or {@code null}: what to ask for next. */
    public WantedNode nextUnasked() {
        while (!unasked.isEmpty()) {
            WantedNode node = unasked.pollFirst();
            if (wanted.containsKey(RetainedCheckpoint.nodeKey(node.level(), node.index()))) {
                return node;
            }
        }
        return null;
    }

    /** Whether every differing node has been fetched: the checkpoint can be installed. */
    public boolean isComplete() {
        return wanted.isEmpty();
    }

    /** The objects fetched so far, by this fetch or an earlier one: what a newer fetch may keep. */
    public Map<Integer, FetchedObject> fetchedObjects() {
        Map<Integer, FetchedObject> all = new HashMap<>(kept);
        all.putAll(fetched);
        return all;
    }

    public long partitionsVerified() {
        return partitionsVerified;
    }

    /** A META-DATA for partition {@code (level, index)} at {@code atCheckpoint}, listing its children. */
    public Verdict acceptMetaData(long atCheckpoint, int level, long index, List<PartitionSummary> children) {
        WantedNode node = wanted.get(RetainedCheckpoint.nodeKey(level, index));
        if (atCheckpoint != checkpoint || node == null || level >= store.leafLevel()) {
            return Verdict.NOT_WANTED;
        }
        long first = index * PartitionTree.FAN_OUT;
        long end = Math.min(first + PartitionTree.FAN_OUT, store.partitionWidth(level + 1));
        if (children.size() != end - first) {
            return Verdict.MALFORMED;
        }
        List<Digest> digests = new ArrayList<>(children.size());
        long lastModified = 0;
        for (int k = 0; k < children.size(); k++) {
            PartitionSummary child = children.get(k);
            if (child.index() != first + k || child.lastModified() > checkpoint) {
                return Verdict.MALFORMED;
            }
            digests.add(child.digest());
            lastModified = Math.max(lastModified, child.lastModified());
        }
        if (!store.partitionDigest(level, index, lastModified, digests).equals(node.digest())) {
            return Verdict.WRONG_DIGEST;
        }
        wanted.remove(RetainedCheckpoint.nodeKey(level, index));
        partitionsVerified++;
        for (PartitionSummary child : children) {
            wantIfDifferent(level + 1, child);
        }
        return Verdict.ACCEPTED;
    }

    /** A DATA: object {@code index}'s value, last modified at {@code lastModified}. */
    public Verdict acceptData(long index, long lastModified, Bytes value) {
        int leaf = store.leafLevel();
        WantedNode node = wanted.get(RetainedCheckpoint.nodeKey(leaf, index));
        if (node == null) {
            return Verdict.NOT_WANTED;
        }
        if (value.length() > store.objectBytesMax()) {
            return Verdict.MALFORMED;
        }
        int object = Math.toIntExact(index);
        Digest leafDigest = store.leafDigest(object, lastModified, value);
        if (!leafDigest.equals(node.digest())) {
            return Verdict.WRONG_DIGEST;
        }
        wanted.remove(RetainedCheckpoint.nodeKey(leaf, index));
        fetched.put(object, new FetchedObject(lastModified, value, leafDigest));
        return Verdict.ACCEPTED;
    }

    /**
     * Installs the fetched checkpoint into the store; only once {@link #isComplete()}. False if the
     * store's objects had been changed behind its back (see {@link ObjectStore#installFetched}): fetch again.
     */
    public boolean install() {
        if (!isComplete()) {
            throw new IllegalStateException("checkpoint " + checkpoint + " still lacks " + wanted.size() + " nodes");
        }
        return store.installFetched(checkpoint, digest, fetched);
    }

    private void wantIfDifferent(int level, PartitionSummary child) {
        // Digests alone decide: each covers its node's lm (see WantedNode).
        if (store.newestNode(level, child.index()).digest().equals(child.digest())) {
            return;
        }
        if (level == store.leafLevel()) {
            FetchedObject earlier = kept.remove(Math.toIntExact(child.index()));
            if (earlier != null && earlier.digest().equals(child.digest())) {
                fetched.put(Math.toIntExact(child.index()), earlier);
                return;
            }
        }
        want(new WantedNode(level, child.index(), child.lastModified(), child.digest()));
    }

    private void want(WantedNode node) {
        wanted.put(RetainedCheckpoint.nodeKey(node.level(), node.index()), node);
        unasked.addLast(node);
    }
}
