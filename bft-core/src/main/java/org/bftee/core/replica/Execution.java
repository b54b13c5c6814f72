package org.bftee.core.replica;

import java.util.ArrayDeque;

import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;
import org.bftee.core.protocol.ReplyRules;
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.ServiceInvoker;

/**
 * Executes batches strictly in sequence order and answers clients (PROTOCOL.md, steps 5 and 6,
 * tentative execution, read-only requests, digest replies).
 *
 * <p>A batch executes once it is committed and every earlier one executed; with tentative
 * execution it executes as soon as it is prepared, provided every earlier batch is committed, so at
 * most one batch is ever tentative. Its replies say so, and a view change may undo it.
 */
final class Execution {

    /** A read-only reply computed on a state that was not yet fully committed, waiting for it to be. */
    private record HeldReply(long needsCommitted, int client, Reply reply) {
    }

    private final ReplicaContext context;
    private final ArrayDeque<HeldReply> heldReadOnlyReplies = new ArrayDeque<>();
    private Batcher batcher;
    private Checkpoints checkpoints;
    private Runnable afterProgress = () -> { };

    Execution(ReplicaContext context) {
        this.context = context;
    }

    void connect(Batcher batcher, Checkpoints checkpoints) {
        this.batcher = batcher;
        this.checkpoints = checkpoints;
    }

    /** What to do after a run that executed something (the view change's request timer listens). */
    void afterProgress(Runnable action) {
        this.afterProgress = action;
    }

    /** Executes everything that has become executable, then lets the primary propose more. */
    void run() {
        if (context.missingCheckpoint != null || context.fetchingState) {
            return; // nothing can execute before state transfer brings the new view's checkpoint
        }
        long executedBefore = context.lastExecuted;
        long committedBefore = context.lastCommitted;
        while (true) {
            if (context.lastExecuted > context.lastCommitted) {
                // The tentative batch must commit before anything after it may execute.
                if (!context.log.slot(context.lastExecuted).isCommitted(context.view)) {
                    break;
                }
                committed(context.lastExecuted);
                continue;
            }
            long next = context.lastExecuted + 1;
            if (!context.log.inWindow(next)) {
                break;
            }
            Slot slot = context.log.slot(next);
            if (slot.isCommitted(context.view)) {
                execute(slot, false);
                committed(next);
            } else if (slot.isPrepared(context.view)) {
                execute(slot, true);
            } else {
                break;
            }
        }
        releaseHeldReplies();
        if (context.lastExecuted != executedBefore || context.lastCommitted != committedBefore) {
            afterProgress.run();
        }
        batcher.propose();
    }

    /**
     * Undoes the tentatively executed batch (a new view did not keep it): the object store, the
     * reply cache and the request store go back to the last committed batch, and read-only
     * replies computed on the undone state are never sent.
     */
    void rollBackTentative() {
        long undone = context.lastExecuted;
        if (undone == context.lastCommitted) {
            return;
        }
        long committed = context.lastCommitted;
        context.services.store().undoBatchesAbove(committed);
        context.requestStore.unmarkExecutedAbove(committed);
        context.lastExecuted = committed;
        context.lastAgreedTimeMillis = context.committedAgreedTimeMillis;
        heldReadOnlyReplies.removeIf(held -> held.needsCommitted() > committed);
        context.counters.tentativeBatchUndone();
        context.services.observer().batchUndone(context.self, undone);
    }

    /**
     * The object store went back to its checkpoint {@code checkpoint} (its objects had been changed
     * behind the library's back): everything executed after it is undone here too, and executes
     * again from the log once the state is repaired.
     */
    void storeRolledBackTo(long checkpoint) {
        context.committedBeforeRollback = Math.max(context.committedBeforeRollback, context.lastCommitted);
        context.requestStore.unmarkExecutedAbove(checkpoint);
        context.lastExecuted = checkpoint;
        context.lastCommitted = checkpoint;
        long agreedTime = Math.max(0, context.replyCache.agreedTime());
        context.lastAgreedTimeMillis = agreedTime;
        context.committedAgreedTimeMillis = agreedTime;
        heldReadOnlyReplies.clear();
    }

    /** Executes a read-only request at once on the current (possibly tentative) state. */
    void executeReadOnly(Request request) {
        InvocationContext invocation = new InvocationContext(request.client(), request.lane(), request.timestamp(),
                true, context.lastAgreedTimeMillis, context.lastExecuted);
        ServiceInvoker.Outcome outcome = context.invoker.execute(request.operation(), invocation,
                context.services.store());
        outcome.failure().ifPresent(failure -> context.counters.serviceFailure());
        context.counters.readOnlyRequestExecuted();
        Reply reply = reply(request, outcome.result(), 0);
        if (context.lastCommitted >= context.lastExecuted) {
            context.outbox.send(request.client(), reply);
        } else {
            heldReadOnlyReplies.addLast(new HeldReply(context.lastExecuted, request.client(), reply));
        }
    }

    /** Resends the cached reply of a lane's last request; tentative if its batch has not committed. */
    void resendCachedReply(Request request, ReplyCache.Entry entry) {
        int flags = entry.sequence() > context.lastCommitted ? Reply.TENTATIVE : 0;
        if (entry.result() == null) {
            // Only the digest survived (a large result of a request executed before a fetched
            // checkpoint): the client takes the full result from another replica.
            context.outbox.send(request.client(), new Reply(context.view, request.client(), request.lane(),
                    request.timestamp(), context.self, flags | Reply.DIGEST_ONLY, entry.resultDigest()));
            return;
        }
        context.outbox.send(request.client(), reply(request, entry.result(), flags));
    }

    int heldReplies() {
        return heldReadOnlyReplies.size();
    }

    private void execute(Slot slot, boolean tentative) {
        PrePrepare prePrepare = slot.prePrepare();
        long sequence = slot.sequence();
        // Execution time never goes backwards, whatever a faulty primary proposed.
        long agreedTime = Math.max(ReplicaContext.decodeTime(prePrepare.nonDeterministic()),
                context.lastAgreedTimeMillis);
        context.lastAgreedTimeMillis = agreedTime;
        Bytes choices = ReplicaContext.decodeChoices(prePrepare.nonDeterministic());
        context.services.store().beginBatch(sequence);
        context.replyCache.recordAgreedTime(agreedTime);
        for (BatchEntry entry : prePrepare.batch()) {
            executeEntry(entry, sequence, agreedTime, choices, tentative);
        }
        context.lastExecuted = sequence;
        context.counters.batchExecuted(tentative);
        context.services.observer().batchExecuted(context.self, sequence, slot.batchDigest(), tentative);
    }

    private void executeEntry(BatchEntry entry, long sequence, long agreedTime, Bytes choices, boolean tentative) {
        int client;
        int lane;
        long timestamp;
        if (entry instanceof InlineRequest inline) {
            client = inline.request().client();
            lane = inline.request().lane();
            timestamp = inline.request().timestamp();
        } else {
            RequestDigest byDigest = (RequestDigest) entry;
            client = byDigest.client();
            lane = byDigest.lane();
            timestamp = byDigest.timestamp();
        }
        if (!context.replyCache.isKnownLane(client, lane)) {
            return; // no correct replica prepares such a request; skipping it is the same everywhere
        }
        // Exactly once per lane: a faulty primary may batch a request twice or replay an old one.
        if (timestamp <= context.replyCache.lastTimestamp(client, lane)
                && context.config.plantedBug() != PlantedBug.EXACTLY_ONCE_SKIPPED) {
            return;
        }
        Request request = entry instanceof InlineRequest inline ? inline.request()
                : context.requestStore.get(((RequestDigest) entry).digest());
        if (request == null) {
            throw new IllegalStateException("replica " + context.self + " accepted batch " + sequence
                    + " without the body of " + entry);
        }
        InvocationContext invocation = new InvocationContext(client, lane, timestamp, false, agreedTime, sequence,
                choices);
        ServiceInvoker.Outcome outcome = context.invoker.execute(request.operation(), invocation,
                context.services.store());
        outcome.failure().ifPresent(failure -> context.counters.serviceFailure());
        context.replyCache.record(client, lane, timestamp, sequence, outcome.result());
        context.counters.requestExecuted();
        context.services.observer().requestExecuted(context.self, client, lane, timestamp, sequence);
        if (entry instanceof RequestDigest byDigest) {
            context.requestStore.markExecuted(byDigest.digest(), sequence);
        }
        batcher.executed(request);
        context.outbox.send(client, reply(request, outcome.result(), tentative ? Reply.TENTATIVE : 0));
    }

    private void committed(long sequence) {
        context.lastCommitted = sequence;
        // At most one batch is tentative, and it is the last executed: the agreed time is its own.
        context.committedAgreedTimeMillis = context.lastAgreedTimeMillis;
        checkpoints.afterCommitted(sequence);
    }

    private void releaseHeldReplies() {
        while (!heldReadOnlyReplies.isEmpty() && heldReadOnlyReplies.peekFirst().needsCommitted()
                <= context.lastCommitted) {
            HeldReply held = heldReadOnlyReplies.removeFirst();
            context.outbox.send(held.client(), held.reply());
        }
    }

    /** A reply, full from the designated replier (or when the client asked everyone), otherwise the digest. */
    private Reply reply(Request request, Bytes result, int flags) {
        int designated = ReplyRules.designatedReplier(request.client(), request.lane(), request.timestamp(),
                context.quorums.n());
        boolean full = designated == context.self || request.isFullRepliesFromAll();
        Bytes body = full ? result : digestBytes(result);
        return new Reply(context.view, request.client(), request.lane(), request.timestamp(), context.self,
                full ? flags : flags | Reply.DIGEST_ONLY, body);
    }

    private Bytes digestBytes(Bytes result) {
        return Bytes.wrap(context.resultDigest(result).toByteArray());
    }
}
