package org.bftee.core.client;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.protocol.Quorums;

/**
 * The replies one outstanding request has collected, and the certificates they form.
 *
 * <p>Each replica casts one vote: its latest reply's result digest, whether it is tentative, and
 * its view. A newer reply replaces the replica's vote, so a replica is never counted twice; a
 * committed reply is final and is never replaced by a tentative one. Full results are kept apart,
 * the latest one per replica: a full result is only ever used when its digest matches a
 * certificate, whoever sent it.
 *
 * <p>Certificates (PROTOCOL.md, "Normal case" step 6 and "Optimizations"):
 * <ul>
 *   <li>read-write: {@code f + 1} committed replies with the same result digest, in any views (at
 *       least one is from a correct replica, and a committed result is final); or {@code 2f + 1}
 *       replies with the same digest that are tentative in one view {@code v} or committed in any
 *       view (tentative replies match only within a view, as in libbyz: a view change may roll a
 *       tentative execution back; a committed vote from a correct replica already makes the result
 *       final, so mixing it in is safe);
 *   <li>read-only: {@code 2f + 1} replies with the same digest, whatever their flags and views:
 *       replicas send them only once the state they read has committed.
 * </ul>
 *
 * <p>Votes live in arrays indexed by replica id, so recording allocates nothing and the
 * certificate is bounded by {@code n} votes and {@code n} full results.
 */
final class ReplyCertificate {

    /** What {@link #record} did with a reply. */
    enum Recording {
        /** The reply is the replica's vote now. */
        COUNTED,
        /** Older than the replica's vote (see {@link ClientDropReason#SUPERSEDED}); nothing changed. */
        SUPERSEDED,
        /** The same vote again and no new full result; nothing changed. */
        DUPLICATE
    }

    private final Quorums quorums;
    private final Digest[] voteDigest;
    private final boolean[] voteTentative;
    private final long[] voteView;
    private final Bytes[] fullResult;
    private final Digest[] fullDigest;
    private int voters;

    ReplyCertificate(Quorums quorums) {
        this.quorums = quorums;
        int n = quorums.n();
        this.voteDigest = new Digest[n];
        this.voteTentative = new boolean[n];
        this.voteView = new long[n];
        this.fullResult = new Bytes[n];
        this.fullDigest = new Digest[n];
    }

    /**
     * Records {@code replica}'s reply. The caller has checked that the replica is one of the
     * group's and that the reply is for this request.
     *
     * @param full the full result, or {@code null} for a digest-only reply
     */
    Recording record(int replica, long view, boolean tentative, Digest resultDigest, Bytes full) {
        boolean newFull = full != null && !resultDigest.equals(fullDigest[replica]);
        Digest previous = voteDigest[replica];
        if (previous != null) {
            boolean downgrade = !voteTentative[replica] && tentative;
            boolean earlierView = voteTentative[replica] == tentative && view < voteView[replica];
            if (downgrade || earlierView) {
                return Recording.SUPERSEDED;
            }
            boolean sameVote = previous.equals(resultDigest) && voteTentative[replica] == tentative
                    && voteView[replica] == view;
            if (sameVote && !newFull) {
                return Recording.DUPLICATE;
            }
        } else {
            voters++;
        }
        voteDigest[replica] = resultDigest;
        voteTentative[replica] = tentative;
        voteView[replica] = view;
        if (full != null) {
            fullResult[replica] = full;
            fullDigest[replica] = resultDigest;
        }
        return Recording.COUNTED;
    }

    /** The result digest that a certificate for a request of {@code kind} backs, or {@code null}. */
    Digest certified(OperationKind kind) {
        for (int replica = 0; replica < voteDigest.length; replica++) {
            Digest digest = voteDigest[replica];
            if (digest == null) {
                continue;
            }
            if (kind == OperationKind.READ_ONLY) {
                if (count(digest) >= quorums.quorum()) {
                    return digest;
                }
            } else if (committedCount(digest) >= quorums.weak()
                    || voteTentative[replica] && matchingInView(digest, voteView[replica]) >= quorums.quorum()) {
                return digest;
            }
        }
        return null;
    }

    /** A full result whose digest is {@code digest}, from any replica, or {@code null}. */
    Bytes fullResult(Digest digest) {
        for (int replica = 0; replica < fullDigest.length; replica++) {
            if (digest.equals(fullDigest[replica])) {
                return fullResult[replica];
            }
        }
        return null;
    }

    /** Whether {@code replica} sent a full result and its digest is not {@code digest}. */
    boolean fullResultDiffers(int replica, Digest digest) {
        return fullDigest[replica] != null && !fullDigest[replica].equals(digest);
    }

    /**
     * Whether no digest can reach {@code 2f + 1} votes any more, even if every silent replica
     * agreed with the most popular one: a read-only request then falls back at once. (A replica
     * could change its vote, but correct replicas answer a read-only request once.)
     */
    boolean readOnlyCertificateImpossible() {
        int best = 0;
        for (Digest digest : voteDigest) {
            if (digest != null) {
                best = Math.max(best, count(digest));
            }
        }
        return best + (voteDigest.length - voters) < quorums.quorum();
    }

    /**
     * Whether the committed replies prove more than {@code f} replicas faulty. Correct replicas
     * commit the same result, so among the replicas that sent committed replies, all those that
     * disagree with the true result are faulty; if more than {@code f} disagree with every result
     * seen, the group's fault assumption is broken (or the service is not deterministic) and no
     * certificate can be trusted. With at most {@code f} faulty replicas this never holds.
     * Tentative replies never count here: correct replicas may disagree on them across a view change.
     */
    boolean committedRepliesConflict() {
        return committedVoters() - bestCommittedCount() > quorums.f();
    }

    /** A description of the committed replies, for the conflicting-replies failure. */
    String conflictEvidence() {
        Set<Digest> distinct = new HashSet<>();
        for (int replica = 0; replica < voteDigest.length; replica++) {
            if (voteDigest[replica] != null && !voteTentative[replica]) {
                distinct.add(voteDigest[replica]);
            }
        }
        return "committed replies from " + committedVoters() + " of " + quorums.n() + " replicas carry "
                + distinct.size() + " distinct results and at most " + bestCommittedCount()
                + " agree: more than f = " + quorums.f() + " replicas are faulty, or the service is not deterministic";
    }

    /** Replicas with a vote. */
    int voters() {
        return voters;
    }

    /** Forgets every vote and full result, for the next request of the lane. */
    void clear() {
        Arrays.fill(voteDigest, null);
        Arrays.fill(voteTentative, false);
        Arrays.fill(voteView, 0);
        Arrays.fill(fullResult, null);
        Arrays.fill(fullDigest, null);
        voters = 0;
    }

    /** Always-on consistency checks: a failure is a bug in this class. */
    void checkInvariants() {
        int counted = 0;
        for (int replica = 0; replica < voteDigest.length; replica++) {
            if (voteDigest[replica] != null) {
                counted++;
            } else if (voteTentative[replica] || voteView[replica] != 0) {
                throw new IllegalStateException("replica " + replica + " has vote fields but no vote");
            }
            if ((fullResult[replica] == null) != (fullDigest[replica] == null)) {
                throw new IllegalStateException("replica " + replica + " has a full result without its digest");
            }
            if (fullResult[replica] != null && voteDigest[replica] == null) {
                throw new IllegalStateException("replica " + replica + " has a full result but no vote");
            }
        }
        if (counted != voters) {
            throw new IllegalStateException(voters + " voters recorded, " + counted + " votes held");
        }
    }

    private int count(Digest digest) {
        int count = 0;
        for (Digest vote : voteDigest) {
            if (digest.equals(vote)) {
                count++;
            }
        }
        return count;
    }

    private int committedCount(Digest digest) {
        int count = 0;
        for (int replica = 0; replica < voteDigest.length; replica++) {
            if (!voteTentative[replica] && digest.equals(voteDigest[replica])) {
                count++;
            }
        }
        return count;
    }

    private int matchingInView(Digest digest, long view) {
        int count = 0;
        for (int replica = 0; replica < voteDigest.length; replica++) {
            if (digest.equals(voteDigest[replica]) && (!voteTentative[replica] || voteView[replica] == view)) {
                count++;
            }
        }
        return count;
    }

    private int committedVoters() {
        int count = 0;
        for (int replica = 0; replica < voteDigest.length; replica++) {
            if (voteDigest[replica] != null && !voteTentative[replica]) {
                count++;
            }
        }
        return count;
    }

    private int bestCommittedCount() {
        int best = 0;
        for (int replica = 0; replica < voteDigest.length; replica++) {
            if (voteDigest[replica] != null && !voteTentative[replica]) {
                best = Math.max(best, committedCount(voteDigest[replica]));
            }
        }
        return best;
    }
}
