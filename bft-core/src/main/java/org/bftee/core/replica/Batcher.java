package org.bftee.core.replica;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;

/**
 * The primary's batching (PROTOCOL.md, "Batching"): requests wait in a bounded queue; a new
 * batch is pre-prepared whenever fewer than {@code batches-in-flight-max} batches are pre-prepared
 * and not yet committed, so requests that arrive while earlier batches are in flight form the next
 * batch. Large requests travel in the batch by digest only.
 */
final class Batcher {

    private record Pending(Request request, Digest digest) {
    }

    private record RequestKey(int client, int lane, long timestamp) {
        static RequestKey of(Request request) {
            return new RequestKey(request.client(), request.lane(), request.timestamp());
        }
    }

    private final ReplicaContext context;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Requests queued or pre-prepared and not yet executed, so a retransmission is not batched twice. */
    private final Set<RequestKey> proposed = new HashSet<>();
    /** The highest sequence number this primary assigned in the current view. */
    private long lastAssigned;
    /** The last sequence number the current view's NEW-VIEW decided: not assigned by this primary. */
    private long lastDecided;
    private long lastProposedTimeMillis;
    private Consumer<Slot> preparedAtOnce = slot -> { };

    Batcher(ReplicaContext context) {
        this.context = context;
    }

    /**
     * What to do with a batch that is prepared the moment this primary logs its pre-prepare: with
     * {@code f = 0} no PREPARE is needed, and none will arrive to make the primary send its COMMIT.
     */
    void onPreparedAtOnce(Consumer<Slot> action) {
        this.preparedAtOnce = action;
    }

    /** Queues a request the primary authenticated; false (and counted) when the queue is full. */
    boolean enqueue(Request request, Digest digest) {
        RequestKey key = RequestKey.of(request);
        if (proposed.contains(key)) {
            return true;
        }
        if (pending.size() >= context.config.pendingRequestsMax()) {
            context.counters.drop(DropReason.PENDING_QUEUE_FULL);
            return false;
        }
        proposed.add(key);
        pending.addLast(new Pending(request, digest));
        return true;
    }

    /** The request executed: a retransmission of it may be batched again only if it is newer. */
    void executed(Request request) {
        proposed.remove(RequestKey.of(request));
    }

    /**
     * This replica left its view: requests it queued as primary are forgotten (clients retransmit
     * them to every replica, and the next primary batches them).
     */
    void leaveView() {
        pending.clear();
        proposed.clear();
    }

    /**
     * This replica became the primary of a new view whose NEW-VIEW decided everything up to
     * {@code lastDecided}: fresh batches are numbered after it, with times after
     * {@code latestDecidedTimeMillis} so that backups see the agreed time keep growing.
     */
    void enterView(long lastDecided, long latestDecidedTimeMillis) {
        this.lastAssigned = lastDecided;
        this.lastDecided = lastDecided;
        lastProposedTimeMillis = Math.max(lastProposedTimeMillis, latestDecidedTimeMillis);
    }

    long lastAssigned() {
        return lastAssigned;
    }

    long lastDecided() {
        return lastDecided;
    }

    int pendingCount() {
        return pending.size();
    }

    /** Pre-prepares as many batches as the in-flight bound and the water marks allow. */
    void propose() {
        if (!context.isPrimary() || !context.viewActive || context.missingCheckpoint != null) {
            return;
        }
        int inFlightMax = context.config.limits().batchesInFlightMax();
        long first = lastAssigned + 1;
        while (!pending.isEmpty() && lastAssigned - context.lastCommitted < inFlightMax
                && context.log.inWindow(lastAssigned + 1)) {
            proposeOne(lastAssigned + 1);
            lastAssigned++;
        }
        if (context.quorums.preparesNeeded() == 0) {
            // Committing may execute, take a stable checkpoint and propose again before this loop
            // ends: the water marks are re-read at every step.
            long last = lastAssigned;
            for (long sequence = first; sequence <= last; sequence++) {
                if (context.log.inWindow(sequence)) {
                    preparedAtOnce.accept(context.log.slot(sequence));
                }
            }
        }
    }

    private void proposeOne(long sequence) {
        int requestsMax = context.config.limits().batchRequestsMax();
        int bytesMax = context.config.limits().batchBytesMax();
        int threshold = context.config.limits().largeRequestThresholdBytes();
        List<BatchEntry> entries = new ArrayList<>();
        List<Digest> digests = new ArrayList<>();
        int inlineBytes = 0;
        while (!pending.isEmpty() && entries.size() < requestsMax) {
            Pending next = pending.peekFirst();
            int size = next.request().operation().length();
            boolean large = size > threshold;
            if (!large && inlineBytes + size > bytesMax && !entries.isEmpty()) {
                break;
            }
            pending.removeFirst();
            Request request = next.request();
            entries.add(large
                    ? new RequestDigest(request.client(), request.lane(), request.timestamp(), next.digest())
                    : new InlineRequest(request));
            digests.add(next.digest());
            if (!large) {
                inlineBytes += size;
            }
        }
        // The proposed time never goes backwards, so execution time is monotonic at every replica;
        // it may repeat (many batches a millisecond), never run ahead of the clock.
        long now = context.services.time().nowMillis();
        lastProposedTimeMillis = Math.max(now, lastProposedTimeMillis);
        Bytes choices = context.services.service().proposeNonDeterministicChoices(lastProposedTimeMillis, sequence);
        if (choices.length() > org.bftee.core.service.Service.NON_DETERMINISTIC_CHOICES_BYTES_MAX) {
            // A service bug; backups would refuse the batch, so propose no choices and count it.
            context.counters.serviceFailure();
            choices = Bytes.EMPTY;
        }
        Bytes nonDeterministic = ReplicaContext.encodeNonDeterministic(lastProposedTimeMillis, choices);
        PrePrepare prePrepare = new PrePrepare(context.view, sequence, nonDeterministic, entries);
        Digest batchDigest = context.services.codec().batchDigest(nonDeterministic, digests,
                context.services.digester());
        Slot slot = context.log.slot(sequence);
        slot.acceptPrePrepare(prePrepare, batchDigest, List.copyOf(digests));
        context.logVote(slot, true);
        context.outbox.multicast(prePrepare);
    }
}
