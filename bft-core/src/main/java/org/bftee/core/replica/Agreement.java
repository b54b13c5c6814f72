package org.bftee.core.replica;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Commit;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;

/**
 * The three-phase agreement of the normal case (PROTOCOL.md, "Normal case", steps 2 to 5): a
 * backup checks and accepts the primary's PRE-PREPARE and multicasts PREPARE; a replica that is
 * prepared multicasts COMMIT. Execution is {@link Execution}'s job; this class only tells it when
 * something may have become executable.
 *
 * <p>Two situations hold a pre-prepare without accepting it: the replica lacks the body of a
 * large request (it prepares once the body arrives from the client or a peer), or it cannot
 * authenticate a request in the batch (a faulty client may send an authenticator valid for some
 * replicas only). In the second case the replica multicasts a partial PREPARE that vouches for
 * the requests it did authenticate, and accepts the pre-prepare once, for every request it could
 * not authenticate, {@code f} other backups vouched for it: with the primary, {@code f + 1}
 * replicas vouch for each request, so at least one correct replica authenticated it. Vouching per
 * request rather than per batch keeps a faulty client from stalling a batch by making each of its
 * requests authentic for a different set of backups.
 */
final class Agreement {

    private final ReplicaContext context;
    private final Execution execution;
    private java.util.function.BiPredicate<Long, Digest> batchWanted = (sequence, digest) -> false;
    private Runnable onBatchFetched = () -> { };

    Agreement(ReplicaContext context, Execution execution) {
        this.context = context;
        this.execution = execution;
    }

    void onPrePrepare(int sender, PrePrepare prePrepare) {
        if (prePrepare.view() < context.view) {
            onEarlierBatch(prePrepare);
            return;
        }
        if (prePrepare.view() > context.view) {
            context.counters.drop(DropReason.WRONG_VIEW);
            return;
        }
        if (!context.viewActive) {
            context.counters.drop(DropReason.VIEW_CHANGE_IN_PROGRESS);
            return;
        }
        if (sender != context.quorums.primary(prePrepare.view()) || sender == context.self) {
            context.counters.drop(DropReason.NOT_FROM_PRIMARY);
            return;
        }
        if (!context.log.inWindow(prePrepare.sequence())) {
            context.counters.drop(DropReason.OUTSIDE_WATER_MARKS);
            return;
        }
        List<Digest> requestDigests = requestDigestsOrNull(prePrepare);
        if (requestDigests == null) {
            context.counters.drop(DropReason.MALFORMED_BATCH);
            return;
        }
        Digest batchDigest = batchDigest(prePrepare, requestDigests);
        Slot slot = context.log.slot(prePrepare.sequence());
        boolean decided = slot.decided() != null;
        if (slot.conflicts(prePrepare.view(), batchDigest) || decided && !slot.decided().equals(batchDigest)
                || context.promisedOtherwise(prePrepare.view(), prePrepare.sequence(), batchDigest)) {
            context.counters.drop(DropReason.CONFLICTING_PRE_PREPARE);
            return;
        }
        if (slot.prePrepare() != null && slot.prePrepare().view() == prePrepare.view()) {
            return; // a retransmission of what we hold
        }
        // A batch the NEW-VIEW chose was checked when it first pre-prepared, perhaps long ago.
        if (!decided && !nonDeterminismAcceptable(prePrepare)) {
            context.counters.drop(DropReason.NON_DETERMINISM_REJECTED);
            return;
        }
        slot.holdPrePrepare(prePrepare, batchDigest, requestDigests);
        tryAccept(slot);
    }

    /**
     * A pre-prepare of an earlier view, sent by anyone: the content of a batch identified by its
     * digest. It is taken only where a NEW-VIEW decision of this view names that digest, or where
     * the new primary needs it to decide (A3); the digest is what makes it trustworthy.
     */
    private void onEarlierBatch(PrePrepare prePrepare) {
        long sequence = prePrepare.sequence();
        List<Digest> requestDigests = context.log.inWindow(sequence) ? requestDigestsOrNull(prePrepare) : null;
        if (requestDigests == null) {
            context.counters.drop(DropReason.UNWANTED_BATCH);
            return;
        }
        Digest digest = batchDigest(prePrepare, requestDigests);
        Slot slot = context.log.slot(sequence);
        boolean decidedHere = context.viewActive && digest.equals(slot.decided())
                && (slot.prePrepare() == null || slot.prePrepare().view() != context.view);
        if (decidedHere) {
            slot.holdPrePrepare(new PrePrepare(context.view, sequence, prePrepare.nonDeterministic(),
                    prePrepare.batch()), digest, requestDigests);
            acceptDecided(slot);
        } else if (batchWanted.test(sequence, digest)) {
            slot.history().fetched(digest, prePrepare, requestDigests);
            onBatchFetched.run();
        } else {
            context.counters.drop(DropReason.UNWANTED_BATCH);
        }
    }

    /** A slot a NEW-VIEW decided, with its batch now held: the primary accepts it, a backup prepares it. */
    void acceptDecided(Slot slot) {
        tryAccept(slot);
    }

    /** Which batches of earlier views the view change wants (the new primary's A3), and what to do when one came. */
    void connectViewChange(java.util.function.BiPredicate<Long, Digest> wanted, Runnable fetched) {
        this.batchWanted = wanted;
        this.onBatchFetched = fetched;
    }

    private Digest batchDigest(PrePrepare prePrepare, List<Digest> requestDigests) {
        return context.services.codec().batchDigest(prePrepare.nonDeterministic(), requestDigests,
                context.services.digester());
    }

    void onPrepare(int sender, Prepare prepare) {
        if (!acceptVote(prepare.view(), prepare.sequence())) {
            return;
        }
        if (sender == context.quorums.primary(prepare.view())) {
            context.counters.drop(DropReason.PREPARE_FROM_PRIMARY);
            return;
        }
        Slot slot = context.log.slot(prepare.sequence());
        if (!counted(slot.recordPrepare(sender, prepare.view(), prepare.batchDigest(), prepare.unauthenticated()))) {
            return;
        }
        if (slot.prePrepare() != null && !slot.isAccepted()) {
            tryAccept(slot);
        }
        checkPrepared(slot);
    }

    void onCommit(int sender, Commit commit) {
        if (!acceptVote(commit.view(), commit.sequence())) {
            return;
        }
        Slot slot = context.log.slot(commit.sequence());
        if (!counted(slot.recordCommit(sender, commit.view(), commit.batchDigest()))) {
            return;
        }
        execution.run();
    }

    /** A request body arrived from a client or peer: held pre-prepares waiting for it may go on. */
    void onRequestBody(Digest digest) {
        // Accepting a slot may execute batches and make a checkpoint stable, which moves the water
        // marks under this loop: re-read them at every step.
        for (long sequence = context.firstUnexecuted(); sequence <= context.log.highWaterMark(); sequence++) {
            if (context.log.inWindow(sequence) && waitsFor(context.log.slot(sequence), digest)) {
                tryAccept(context.log.slot(sequence));
            }
        }
    }

    /**
     * Whether a pre-prepare this replica holds names {@code digest}: only then may it keep a body it
     * cannot authenticate itself, to be accepted if other backups vouch for the batch.
     */
    boolean isReferencedByHeldPrePrepare(Digest digest) {
        for (long sequence = context.firstUnexecuted(); context.log.inWindow(sequence); sequence++) {
            if (waitsFor(context.log.slot(sequence), digest)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code slot} holds a pre-prepare, not yet accepted, that names the request {@code digest}. */
    private static boolean waitsFor(Slot slot, Digest digest) {
        return slot.prePrepare() != null && !slot.isAccepted() && references(slot.prePrepare(), digest);
    }

    /**
     * Whether the primary's pre-prepare for {@code slot} may be accepted now; accepts and prepares if
     * so. A request this replica cannot authenticate itself is accepted once {@code f} other backups
     * vouched for it; until then the replica multicasts a partial PREPARE vouching for the others.
     */
    private void tryAccept(Slot slot) {
        PrePrepare prePrepare = slot.prePrepare();
        if (!bodiesPresent(prePrepare)) {
            return;
        }
        // A batch a NEW-VIEW chose is vouched for by the decision procedure: its requests were
        // authenticated when it first prepared, and a backup may lack the keys to check them now.
        Bitmap unauthenticated = slot.decided() != null ? Bitmap.EMPTY : unauthenticated(slot);
        if (!vouchedByOthers(slot, unauthenticated)) {
            sendPartialPrepare(slot, unauthenticated);
            return;
        }
        slot.markAccepted();
        context.logVote(slot, true);
        if (!slot.prepareSent() && !context.isPrimary()) {
            slot.markPrepareSent();
            slot.recordPrepare(context.self, prePrepare.view(), slot.batchDigest());
            context.outbox.multicast(new Prepare(prePrepare.view(), prePrepare.sequence(), slot.batchDigest(),
                    context.self));
        }
        checkPrepared(slot);
    }

    /** Whether {@code f} backups other than this one vouched for every position in {@code unauthenticated}. */
    private boolean vouchedByOthers(Slot slot, Bitmap unauthenticated) {
        long view = slot.prePrepare().view();
        for (int position = 0; position < unauthenticated.size(); position++) {
            if (unauthenticated.get(position)
                    && slot.vouchers(view, slot.batchDigest(), position, context.self) < context.quorums.f()) {
                return false;
            }
        }
        return true;
    }

    /** Multicasts a partial PREPARE unless one vouching for as much went out already in this view. */
    private void sendPartialPrepare(Slot slot, Bitmap unauthenticated) {
        long view = slot.prePrepare().view();
        Bitmap sent = slot.ownUnauthenticated(context.self, view);
        if (sent != null && sent.cardinality() <= unauthenticated.cardinality()) {
            return;
        }
        slot.recordPrepare(context.self, view, slot.batchDigest(), unauthenticated);
        context.logVote(slot, false);
        context.outbox.multicast(new Prepare(view, slot.sequence(), slot.batchDigest(), context.self,
                unauthenticated));
    }

    /** Multicasts COMMIT once the slot is prepared, then lets execution proceed. */
    void checkPrepared(Slot slot) {
        if (!slot.commitSent() && slot.isPrepared(context.view)) {
            slot.history().prepared(slot.batchDigest(), context.view);
            context.services.durableLog().prepared(context.view, slot.sequence(), slot.batchDigest());
            slot.markCommitSent();
            slot.recordCommit(context.self, context.view, slot.batchDigest());
            context.outbox.multicast(new Commit(context.view, slot.sequence(), slot.batchDigest(), context.self));
        }
        execution.run();
    }

    private boolean acceptVote(long view, long sequence) {
        if (view != context.view) {
            context.counters.drop(DropReason.WRONG_VIEW);
            return false;
        }
        if (!context.viewActive) {
            context.counters.drop(DropReason.VIEW_CHANGE_IN_PROGRESS);
            return false;
        }
        if (!context.log.inWindow(sequence)) {
            context.counters.drop(DropReason.OUTSIDE_WATER_MARKS);
            return false;
        }
        return true;
    }

    /** The digests of the batch's requests, or null if the batch breaks the group's limits. */
    private List<Digest> requestDigestsOrNull(PrePrepare prePrepare) {
        var limits = context.config.limits();
        if (prePrepare.batch().size() > limits.batchRequestsMax()
                || ReplicaContext.decodeTime(prePrepare.nonDeterministic()) < 0) {
            return null;
        }
        List<Digest> digests = new ArrayList<>(prePrepare.batch().size());
        long inlineBytes = 0;
        for (BatchEntry entry : prePrepare.batch()) {
            if (entry instanceof InlineRequest inline) {
                Request request = inline.request();
                if (!RequestChecks.wellFormed(request, context.config)
                        || request.operation().length() > limits.largeRequestThresholdBytes()) {
                    return null;
                }
                inlineBytes += request.operation().length();
                digests.add(context.requestDigest(request));
            } else {
                RequestDigest byDigest = (RequestDigest) entry;
                if (byDigest.lane() >= limits.lanesPerClientMax()) {
                    return null;
                }
                digests.add(byDigest.digest());
            }
        }
        return inlineBytes <= limits.batchBytesMax() ? digests : null;
    }

    /**
     * The primary's proposed time must be close to this replica's clock (a configured skew) and
     * not earlier than the batch before it, when this replica holds that batch; the service must
     * accept the primary's choices. Equal times are fine: a primary ordering more than a thousand
     * batches a second cannot give each a later millisecond without running ahead of every clock
     * (it once did, and backups refused its batches as too far in the future).
     */
    private boolean nonDeterminismAcceptable(PrePrepare prePrepare) {
        long proposed = ReplicaContext.decodeTime(prePrepare.nonDeterministic());
        long now = context.services.time().nowMillis();
        if (Math.abs(proposed - now) > context.config.clockSkewMaxMillis()) {
            return false;
        }
        Bytes choices = ReplicaContext.decodeChoices(prePrepare.nonDeterministic());
        if (choices.length() > org.bftee.core.service.Service.NON_DETERMINISTIC_CHOICES_BYTES_MAX
                || !context.services.service().acceptsNonDeterministicChoices(choices, proposed,
                        prePrepare.sequence())) {
            return false;
        }
        long previous = prePrepare.sequence() - 1;
        if (context.log.inWindow(previous)) {
            PrePrepare before = context.log.slot(previous).prePrepare();
            if (before != null && before.view() == prePrepare.view()
                    && ReplicaContext.decodeTime(before.nonDeterministic()) > proposed) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this replica holds the body of every large request in the batch. A body whose client,
     * lane or timestamp differ from what the batch says counts as missing: the digest names a
     * different request than the primary claims.
     */
    private boolean bodiesPresent(PrePrepare prePrepare) {
        for (BatchEntry entry : prePrepare.batch()) {
            if (entry instanceof RequestDigest byDigest) {
                Request body = context.requestStore.get(byDigest.digest());
                if (body == null || body.client() != byDigest.client() || body.lane() != byDigest.lane()
                        || body.timestamp() != byDigest.timestamp()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Counts a vote that was not recorded; true if it was. */
    private boolean counted(Slot.Vote vote) {
        switch (vote) {
            case RECORDED -> {
                return true;
            }
            case DUPLICATE -> {
                return false;
            }
            case STALE -> context.counters.drop(DropReason.STALE_VOTE);
            case CONFLICTING -> context.counters.drop(DropReason.CONFLICTING_VOTE);
        }
        return false;
    }

    /**
     * The batch positions whose requests this replica cannot authenticate: inline requests whose
     * authenticator entry for it is wrong (checked once per pre-prepare, MACs cost), and large
     * requests whose body it holds only because the batch names it. Empty in the common case.
     */
    private Bitmap unauthenticated(Slot slot) {
        Bitmap inline = inlineUnauthenticated(slot);
        List<BatchEntry> batch = slot.prePrepare().batch();
        int[] positions = null;
        int count = 0;
        for (int i = 0; i < batch.size(); i++) {
            boolean unverifiedBody = batch.get(i) instanceof RequestDigest byDigest
                    && !context.requestStore.isVerified(byDigest.digest());
            if (inline.get(i) || unverifiedBody) {
                if (positions == null) {
                    positions = new int[batch.size()];
                }
                positions[count++] = i;
            }
        }
        return positions == null ? Bitmap.EMPTY : Bitmap.of(batch.size(), Arrays.copyOf(positions, count));
    }

    private Bitmap inlineUnauthenticated(Slot slot) {
        Bitmap cached = slot.inlineUnauthenticated();
        if (cached != null) {
            return cached;
        }
        Bitmap result = Bitmap.EMPTY;
        if (context.config.plantedBug() != PlantedBug.REQUEST_AUTHENTICATION_SKIPPED) {
            List<BatchEntry> batch = slot.prePrepare().batch();
            int[] positions = new int[batch.size()];
            int count = 0;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) instanceof InlineRequest inline && !context.services.authenticators().verifyMulticast(
                        inline.request().client(), slot.requestDigest(i), inline.request().authenticator(),
                        context.quorums.n()).isValid()) {
                    positions[count++] = i;
                }
            }
            result = count == 0 ? Bitmap.EMPTY : Bitmap.of(batch.size(), Arrays.copyOf(positions, count));
        }
        slot.inlineUnauthenticated(result);
        return result;
    }

    private static boolean references(PrePrepare prePrepare, Digest digest) {
        for (BatchEntry entry : prePrepare.batch()) {
            if (entry instanceof RequestDigest byDigest && byDigest.digest().equals(digest)) {
                return true;
            }
        }
        return false;
    }
}
