package org.bftee.core.replica;

import org.bftee.core.protocol.Quorums;

import java.util.Arrays;
import java.util.List;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.PrePrepare;

/**
 * What a replica holds for one sequence number of its log: the pre-prepare it accepted and the
 * PREPARE and COMMIT messages it received, from which the {@code prepared} and
 * {@code committed-local} predicates of the paper are decided.
 *
 * <p>Votes are kept per sender in arrays indexed by replica id (the latest vote of each sender,
 * by view), so recording a vote allocates nothing and a sender can never be counted twice.
 * Whether a vote may be recorded (authentic, in view, inside the water marks) is decided by the
 * caller; this class only counts.
 */
final class Slot {

    private static final long NO_VOTE = -1;

    private final Quorums quorums;
    private final PlantedBug plantedBug;
    private long sequence = -1;

    private PrePrepare prePrepare;
    private Digest batchDigest;
    /** The digest of each batch entry, in batch order: computed once, when the pre-prepare arrives. */
    private List<Digest> requestDigests = List.of();
    /** The inline requests this replica could not authenticate; null until first checked (MACs cost). */
    private Bitmap inlineUnauthenticated;
    private boolean accepted;
    private boolean prepareSent;
    private boolean commitSent;
    /**
     * The batch a NEW-VIEW chose here for the current view, or null: a pre-prepare that matches it
     * is accepted without the checks of the normal case (the decision procedure vouches for it).
     */
    private Digest decided;
    private final SlotHistory history;

    private final long[] prepareView;
    private final Digest[] prepareDigest;
    /** Per sender, the batch positions its PREPARE did not vouch for: empty for a full PREPARE. */
    private final Bitmap[] prepareUnauthenticated;
    private final long[] commitView;
    private final Digest[] commitDigest;

    Slot(Quorums quorums) {
        this(quorums, PlantedBug.NONE);
    }

    Slot(Quorums quorums, PlantedBug plantedBug) {
        this.quorums = quorums;
        this.plantedBug = plantedBug;
        this.prepareView = new long[quorums.n()];
        this.prepareDigest = new Digest[quorums.n()];
        this.prepareUnauthenticated = new Bitmap[quorums.n()];
        this.commitView = new long[quorums.n()];
        this.commitDigest = new Digest[quorums.n()];
        this.history = new SlotHistory(org.bftee.core.viewchange.ViewChangeValidation.prePreparedDigestsMax(quorums));
        clear(-1);
    }

    /** Forgets everything and makes this the slot of {@code newSequence}. */
    void clear(long newSequence) {
        sequence = newSequence;
        prePrepare = null;
        batchDigest = null;
        requestDigests = List.of();
        inlineUnauthenticated = null;
        accepted = false;
        prepareSent = false;
        commitSent = false;
        decided = null;
        history.clear();
        Arrays.fill(prepareView, NO_VOTE);
        Arrays.fill(prepareDigest, null);
        Arrays.fill(prepareUnauthenticated, null);
        Arrays.fill(commitView, NO_VOTE);
        Arrays.fill(commitDigest, null);
    }

    long sequence() {
        return sequence;
    }

    PrePrepare prePrepare() {
        return prePrepare;
    }

    Digest batchDigest() {
        return batchDigest;
    }

    /**
     * Holds the pre-prepare received for this sequence number, with the batch digest computed from
     * it. A held pre-prepare is not yet accepted: the replica may still lack the bodies of large
     * requests, or be unable to authenticate a request in it (see {@link #markAccepted}).
     */
    void holdPrePrepare(PrePrepare received, Digest digest, List<Digest> entryDigests) {
        if (received.sequence() != sequence) {
            throw new IllegalStateException("pre-prepare for " + received.sequence() + " stored in slot " + sequence);
        }
        if (entryDigests.size() != received.batch().size()) {
            throw new IllegalStateException("batch of " + received.batch().size() + " with " + entryDigests.size()
                    + " entry digests");
        }
        prePrepare = received;
        batchDigest = digest;
        requestDigests = entryDigests;
        inlineUnauthenticated = null;
        accepted = false;
        prepareSent = false;
        commitSent = false;
    }

    /** Holds and accepts at once: the primary's own pre-prepare, or one that passed every check. */
    void acceptPrePrepare(PrePrepare received, Digest digest, List<Digest> entryDigests) {
        holdPrePrepare(received, digest, entryDigests);
        markAccepted();
    }

    /** What this sequence number went through in earlier views (the P and Q of a VIEW-CHANGE). */
    SlotHistory history() {
        return history;
    }

    /** The batch the current view's NEW-VIEW chose here, or null if it chose none (or this view had no NEW-VIEW). */
    Digest decided() {
        return decided;
    }

    /** A NEW-VIEW chose {@code digest} here; its pre-prepare follows, from the history or fetched. */
    void decide(Digest digest) {
        decided = digest;
    }

    /** The digests of the held batch's entries, in order. */
    List<Digest> requestDigests() {
        return requestDigests;
    }

    /** The digest of batch entry {@code index}. */
    Digest requestDigest(int index) {
        return requestDigests.get(index);
    }

    /** The cached positions of inline requests this replica could not authenticate, or null if not checked yet. */
    Bitmap inlineUnauthenticated() {
        return inlineUnauthenticated;
    }

    void inlineUnauthenticated(Bitmap positions) {
        inlineUnauthenticated = positions;
    }

    /** The held pre-prepare passed its checks: every request authentic (or vouched for) and present. */
    void markAccepted() {
        if (prePrepare == null) {
            throw new IllegalStateException("no pre-prepare held for " + sequence);
        }
        accepted = true;
        history.prePrepared(batchDigest, prePrepare.view(), prePrepare, requestDigests);
    }

    boolean isAccepted() {
        return accepted;
    }

    boolean prepareSent() {
        return prepareSent;
    }

    void markPrepareSent() {
        prepareSent = true;
    }

    boolean commitSent() {
        return commitSent;
    }

    void markCommitSent() {
        commitSent = true;
    }

    /**
     * Matching full PREPAREs for {@code (view, digest)} from replicas other than {@code excluded}
     * and the primary.
     */
    int matchingPrepares(long view, Digest digest, int excluded) {
        int matching = 0;
        for (int replica = 0; replica < prepareView.length; replica++) {
            if (matchesPrepare(replica, view, digest, excluded) && prepareUnauthenticated[replica].size() == 0) {
                matching++;
            }
        }
        return matching;
    }

    /**
     * Backups other than {@code excluded} whose PREPARE for {@code (view, digest)}, full or partial,
     * vouches for batch entry {@code position}: they authenticated that request's client.
     */
    int vouchers(long view, Digest digest, int position, int excluded) {
        int vouching = 0;
        for (int replica = 0; replica < prepareView.length; replica++) {
            if (matchesPrepare(replica, view, digest, excluded) && !prepareUnauthenticated[replica].get(position)) {
                vouching++;
            }
        }
        return vouching;
    }

    private boolean matchesPrepare(int replica, long view, Digest digest, int excluded) {
        return replica != quorums.primary(view) && replica != excluded && prepareView[replica] == view
                && (digest.equals(prepareDigest[replica]) || plantedBug == PlantedBug.PREPARE_DIGEST_UNCHECKED);
    }

    /**
     * Whether a pre-prepare for {@code (view, digest)} conflicts with the one already accepted: same view,
     * different digest. A backup never accepts two different batches for one view and sequence number.
     */
    boolean conflicts(long view, Digest digest) {
        return prePrepare != null && prePrepare.view() == view && !batchDigest.equals(digest);
    }

    /**
     * Records {@code replica}'s PREPARE, replacing one from an older view. A replica's first vote in
     * a view stands: a later, different one for the same view is refused, so a faulty replica cannot
     * take back a vote that already completed a certificate. The one change allowed is an upgrade:
     * a PREPARE for the same digest that vouches for more of the batch (a partial PREPARE followed
     * by the full one once the sender accepted the batch).
     */
    Vote recordPrepare(int replica, long view, Digest digest, Bitmap unauthenticated) {
        if (prepareView[replica] == view && digest.equals(prepareDigest[replica])
                && !prepareUnauthenticated[replica].equals(unauthenticated)) {
            if (!vouchesForMore(unauthenticated, prepareUnauthenticated[replica])) {
                return Vote.CONFLICTING;
            }
            prepareUnauthenticated[replica] = unauthenticated;
            return Vote.RECORDED;
        }
        Vote vote = record(prepareView, prepareDigest, replica, view, digest);
        if (vote == Vote.RECORDED) {
            prepareUnauthenticated[replica] = unauthenticated;
        }
        return vote;
    }

    /** A full PREPARE from {@code replica}. */
    Vote recordPrepare(int replica, long view, Digest digest) {
        return recordPrepare(replica, view, digest, Bitmap.EMPTY);
    }

    /** Whether {@code next} leaves out only positions that {@code previous} left out, and fewer of them. */
    private static boolean vouchesForMore(Bitmap next, Bitmap previous) {
        if (next.size() == 0) {
            return true;
        }
        return next.size() == previous.size() && next.cardinality() < previous.cardinality()
                && next.positions().allMatch(previous::get);
    }

    /** Records {@code replica}'s COMMIT, under the same rule as {@link #recordPrepare}. */
    Vote recordCommit(int replica, long view, Digest digest) {
        return record(commitView, commitDigest, replica, view, digest);
    }

    /** What recording a vote did. */
    enum Vote {
        RECORDED,
        /** The same vote again: a retransmission. */
        DUPLICATE,
        /** From a view older than the sender's recorded vote. */
        STALE,
        /** A different vote from the same sender for the same view. */
        CONFLICTING
    }

    /**
     * {@code prepared(m, v, s, i)}: the pre-prepare of view {@code view} is accepted and {@code 2f}
     * backups other than the primary of {@code view} sent matching PREPAREs.
     */
    boolean isPrepared(long view) {
        if (prePrepare == null || !accepted || prePrepare.view() != view) {
            return false;
        }
        int needed = plantedBug == PlantedBug.PREPARE_QUORUM_F ? quorums.f() : quorums.preparesNeeded();
        return matchingPrepares(view, batchDigest, -1) >= needed;
    }

    /** {@code committed-local(m, v, s, i)}: prepared and {@code 2f + 1} matching COMMITs from distinct replicas. */
    boolean isCommitted(long view) {
        if (!isPrepared(view)) {
            return false;
        }
        int matching = 0;
        for (int replica = 0; replica < commitView.length; replica++) {
            if (commitView[replica] == view && batchDigest.equals(commitDigest[replica])) {
                matching++;
            }
        }
        return matching >= quorums.quorum();
    }

    /** Whether {@code replica} has a PREPARE for {@code view} recorded here (for retransmission summaries). */
    boolean hasPrepareFrom(int replica, long view) {
        return prepareView[replica] == view;
    }

    /** The batch positions this replica's own PREPARE left out, or null if it sent none in {@code view}. */
    Bitmap ownUnauthenticated(int self, long view) {
        return prepareView[self] == view ? prepareUnauthenticated[self] : null;
    }

    /** Whether {@code replica} has a COMMIT for {@code view} recorded here. */
    boolean hasCommitFrom(int replica, long view) {
        return commitView[replica] == view;
    }

    private static Vote record(long[] views, Digest[] digests, int replica, long view, Digest digest) {
        if (views[replica] > view) {
            return Vote.STALE;
        }
        if (views[replica] == view) {
            return digest.equals(digests[replica]) ? Vote.DUPLICATE : Vote.CONFLICTING;
        }
        views[replica] = view;
        digests[replica] = digest;
        return Vote.RECORDED;
    }
}
