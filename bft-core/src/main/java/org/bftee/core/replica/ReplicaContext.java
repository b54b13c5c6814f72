package org.bftee.core.replica;

import java.nio.ByteBuffer;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.protocol.ReplyRules;
import org.bftee.core.service.ServiceInvoker;

/**
 * The state one replica's sub-protocols share: configuration, collaborators, the log and the
 * execution point. Every sub-protocol object holds this context; only the replica's thread ever
 * touches it (STYLE rule 10).
 */
final class ReplicaContext {

    final ReplicaConfig config;
    final ReplicaServices services;
    final Outbox outbox;
    final Quorums quorums;
    final int self;
    final MessageLog log;
    final ReplyCache replyCache;
    final RequestStore requestStore;
    final ReplicaCounters counters = new ReplicaCounters();
    final ServiceInvoker invoker;

    /** The current view; its primary is {@code view mod n}. */
    long view;
    /**
     * Whether the current view is installed: false from the VIEW-CHANGE for it until its NEW-VIEW
     * is accepted (or sent, at its primary), when only the view change and checkpoints proceed.
     */
    boolean viewActive = true;
    /**
     * A new view's checkpoint this replica lacks (it was behind, or its state differs), or null:
     * it votes but executes nothing until state transfer brings that checkpoint.
     */
    org.bftee.core.message.CheckpointEntry missingCheckpoint;
    /** Whether the replica is recovering ({@link Recovery}): it does not act as primary until it has recovered. */
    boolean recovering;
    /** Whether state transfer is fetching a checkpoint: nothing executes until it is installed. */
    boolean fetchingState;
    /**
     * The last committed sequence number before recovery rolled the state back to a checkpoint: the
     * batches up to it are committed in the log and execute again, so they are not in flight.
     */
    long committedBeforeRollback;
    /** The highest sequence number executed, tentatively or committed. */
    long lastExecuted;
    /** The highest sequence number such that it and everything before it committed and executed. */
    long lastCommitted;
    /** The agreed time of the last executed batch: execution time never goes backwards. */
    long lastAgreedTimeMillis;
    /** The agreed time of the last committed batch: what a rollback of the tentative batch restores. */
    long committedAgreedTimeMillis;
    /**
     * Per sequence number, the batch this replica voted for before a restart, in the view it
     * restarted in ({@link LoggedState}): it must not vote for another batch there in that view.
     */
    final java.util.NavigableMap<Long, Promise> promises = new java.util.TreeMap<>();

    /**
     * After a restart from the durable log, the highest sequence number that prepared before it:
     * the replica may have executed up to there and answered from that state, so it answers no
     * read-only request until it executed that far again (-1: no such restart).
     */
    long executedBeforeRestartAtMost = -1;

    /** A vote given before a restart. */
    record Promise(long view, Digest digest) {
    }

    ReplicaContext(ReplicaConfig config, ReplicaServices services, Outbox outbox) {
        this.config = config;
        this.services = services;
        this.outbox = outbox;
        this.quorums = config.quorums();
        this.self = config.id();
        this.replyCache = new ReplyCache(services.store(), config.clients(), config.limits().lanesPerClientMax(),
                result -> Bytes.wrap(resultDigest(result).toByteArray()));
        this.log = new MessageLog(quorums, config.limits().logWindow(), config.plantedBug());
        // A correct client has at most one request outstanding per lane; twice that leaves room for
        // a retransmitted body whose predecessor has not executed yet.
        this.requestStore = new RequestStore(config.storedRequestsMax(), 2 * config.limits().lanesPerClientMax());
        this.invoker = new ServiceInvoker(services.service(), config.limits().replyBytesMax());
    }

    /**
     * Logs this replica's vote for the batch {@code slot} holds ({@link DurableLog#voted}), with
     * the bodies of the large requests it names. Nothing is built when nothing is logged.
     */
    void logVote(Slot slot, boolean accepted) {
        DurableLog durable = services.durableLog();
        if (durable == DurableLog.NONE) {
            return;
        }
        org.bftee.core.message.PrePrepare prePrepare = slot.prePrepare();
        java.util.List<Request> bodies = new java.util.ArrayList<>();
        for (org.bftee.core.message.BatchEntry entry : prePrepare.batch()) {
            if (entry instanceof org.bftee.core.message.RequestDigest byDigest) {
                Request body = requestStore.get(byDigest.digest());
                if (body != null) {
                    bodies.add(body);
                }
            }
        }
        durable.voted(prePrepare.view(), slot.sequence(), slot.batchDigest(), prePrepare, slot.requestDigests(),
                bodies, accepted);
    }

    /** Whether a vote given before a restart forbids voting for {@code digest} at {@code sequence} in {@code view}. */
    boolean promisedOtherwise(long view, long sequence, Digest digest) {
        Promise promise = promises.get(sequence);
        return promise != null && promise.view() == view && !promise.digest().equals(digest);
    }

    /**
     * The first sequence number inside the water marks not executed here: after {@code lastExecuted},
     * or after {@code h} when a new view moved the water marks past what this replica executed.
     */
    long firstUnexecuted() {
        return Math.max(lastExecuted, log.lowWaterMark()) + 1;
    }

    boolean isPrimary() {
        return quorums.primary(view) == self;
    }

    int primary() {
        return quorums.primary(view);
    }

    Digest requestDigest(Request request) {
        return services.codec().requestDigest(request, services.digester());
    }

    Digest resultDigest(Bytes result) {
        return ReplyRules.resultDigest(services.digester(), result);
    }

    /**
     * A pre-prepare's non-deterministic inputs: the agreed time in eight bytes, then the service's
     * own choices.
     */
    static Bytes encodeNonDeterministic(long millis, Bytes choices) {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + choices.length()).putLong(millis);
        choices.writeTo(buffer);
        return Bytes.wrap(buffer.array());
    }

    /** Non-deterministic inputs with the agreed time only. */
    static Bytes encodeTime(long millis) {
        return encodeNonDeterministic(millis, Bytes.EMPTY);
    }

    /** The agreed time in {@code nonDeterministic}, or -1 if it does not start with an eight-byte time. */
    static long decodeTime(Bytes nonDeterministic) {
        if (nonDeterministic.length() < Long.BYTES) {
            return -1;
        }
        return nonDeterministic.asReadOnlyBuffer().getLong();
    }

    /** The service's choices in {@code nonDeterministic}: what follows the agreed time. */
    static Bytes decodeChoices(Bytes nonDeterministic) {
        if (nonDeterministic.length() <= Long.BYTES) {
            return Bytes.EMPTY;
        }
        ByteBuffer buffer = nonDeterministic.asReadOnlyBuffer().position(Long.BYTES);
        return Bytes.read(buffer, buffer.remaining());
    }
}
