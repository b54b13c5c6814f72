package org.bftee.core.replica;

import java.util.ArrayList;
import java.util.List;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;

/**
 * What one sequence number went through across views, for the view change (PROTOCOL.md, "View
 * change with MACs"): the P entry (the batch that last prepared here, and in which view) and the
 * Q entry (the batches that pre-prepared here, each with the latest view), with the batches
 * themselves so that a new view can pre-prepare them again and peers can fetch them.
 *
 * <p>Q keeps at most {@code f + 2} batches ({@link org.bftee.core.viewchange.ViewChangeValidation#prePreparedDigestsMax}):
 * the ones with the highest views, and always the prepared one. Forgetting an older pair only
 * withdraws support for condition A2 of the decision procedure: it may delay a decision, never
 * make a wrong one.
 */
final class SlotHistory {

    /**
     * A batch known here: its pre-prepare as first seen and the digests of its entries. {@code view}
     * is the latest view it pre-prepared here in, or {@link #NOT_PRE_PREPARED} for a batch only
     * fetched for a new view (which Q must not list: that would be support this replica never gave).
     */
    record KnownBatch(Digest digest, long view, PrePrepare prePrepare, List<Digest> entryDigests) {
    }

    static final long NOT_PRE_PREPARED = -1;

    private final int batchesMax;
    private final List<KnownBatch> batches = new ArrayList<>();
    private Digest preparedDigest;
    private long preparedView = -1;

    SlotHistory(int batchesMax) {
        this.batchesMax = batchesMax;
    }

    void clear() {
        batches.clear();
        preparedDigest = null;
        preparedView = -1;
    }

    /** The batch {@code digest} pre-prepared here in {@code view} (this replica sent a pre-prepare or prepare for it). */
    void prePrepared(Digest digest, long view, PrePrepare prePrepare, List<Digest> entryDigests) {
        for (int i = 0; i < batches.size(); i++) {
            KnownBatch known = batches.get(i);
            if (known.digest().equals(digest)) {
                if (view > known.view()) {
                    batches.set(i, new KnownBatch(digest, view, known.prePrepare(), known.entryDigests()));
                }
                return;
            }
        }
        batches.add(new KnownBatch(digest, view, prePrepare, List.copyOf(entryDigests)));
        if (batches.size() > batchesMax) {
            batches.remove(oldestEvictable());
        }
    }

    /** The batch {@code digest} prepared here in {@code view}; it pre-prepared here in that view first. */
    void prepared(Digest digest, long view) {
        if (view >= preparedView) {
            preparedDigest = digest;
            preparedView = view;
        }
    }

    /** The P entry for {@code sequence}, or null if nothing ever prepared here. */
    PreparedEntry preparedEntry(long sequence) {
        return preparedDigest == null ? null : new PreparedEntry(sequence, preparedDigest, preparedView);
    }

    /** The Q entry for {@code sequence}, or null if nothing ever pre-prepared here. */
    PrePreparedEntry prePreparedEntry(long sequence) {
        List<DigestView> pairs = new ArrayList<>(batches.size());
        for (KnownBatch known : batches) {
            if (known.view() != NOT_PRE_PREPARED) {
                pairs.add(new DigestView(known.digest(), known.view()));
            }
        }
        return pairs.isEmpty() ? null : new PrePreparedEntry(sequence, pairs);
    }

    /** The batch with {@code digest}, if it pre-prepared here; null otherwise. */
    KnownBatch batch(Digest digest) {
        for (KnownBatch known : batches) {
            if (known.digest().equals(digest)) {
                return known;
            }
        }
        return null;
    }

    /** Adds a batch fetched for a new view; the caller checked it against its digest. */
    void fetched(Digest digest, PrePrepare prePrepare, List<Digest> entryDigests) {
        if (batch(digest) == null) {
            batches.add(new KnownBatch(digest, NOT_PRE_PREPARED, prePrepare, List.copyOf(entryDigests)));
            if (batches.size() > batchesMax) {
                batches.remove(oldestEvictable());
            }
        }
    }

    private int oldestEvictable() {
        int oldest = -1;
        for (int i = 0; i < batches.size(); i++) {
            KnownBatch known = batches.get(i);
            if (known.digest().equals(preparedDigest)) {
                continue;
            }
            if (oldest < 0 || known.view() < batches.get(oldest).view()) {
                oldest = i;
            }
        }
        return oldest;
    }
}
