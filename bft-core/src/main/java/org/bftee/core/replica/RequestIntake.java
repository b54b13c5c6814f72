package org.bftee.core.replica;

import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Verification;
import org.bftee.core.message.Request;

/**
 * Requests arriving from clients (or forwarded by peers): checked before they cost anything
 * (static limits, then the authenticator entry for this replica, then the lane's reply cache),
 * then executed at once if read-only, queued for a batch at the primary, or stored (and forwarded
 * to the primary) at a backup (PROTOCOL.md, "Normal case", steps 1 and 6).
 */
final class RequestIntake {

    private final ReplicaContext context;
    private final Batcher batcher;
    private final Agreement agreement;
    private final Execution execution;
    private final ViewChanges viewChanges;

    RequestIntake(ReplicaContext context, Batcher batcher, Agreement agreement, Execution execution,
                  ViewChanges viewChanges) {
        this.context = context;
        this.batcher = batcher;
        this.agreement = agreement;
        this.execution = execution;
        this.viewChanges = viewChanges;
    }

    void onRequest(int sender, Request request) {
        DropReason problem = RequestChecks.staticProblem(request, context.config);
        if (problem != null) {
            context.counters.drop(problem);
            return;
        }
        Digest digest = context.requestDigest(request);
        Verification verification = context.services.authenticators().verifyMulticast(request.client(), digest,
                request.authenticator(), context.quorums.n());
        boolean large = request.operation().length() > context.config.limits().largeRequestThresholdBytes();
        if (!verification.isValid()) {
            if (large && verification != Verification.NO_KEY && !request.isReadOnly()
                    && agreement.isReferencedByHeldPrePrepare(digest)) {
                // A body this replica cannot authenticate, named by a pre-prepare it holds: keep it;
                // the batch is accepted only if f other backups vouch for it.
                storeBody(digest, request, false);
                return;
            }
            if (verification == Verification.NO_KEY) {
                context.counters.drop(DropReason.UNKNOWN_CLIENT);
            } else {
                context.counters.drop(DropReason.REQUEST_NOT_AUTHENTIC);
                viewChanges.onUnauthenticRequest(request.client());
            }
            return;
        }
        ReplyCache.Entry last = context.replyCache.last(request.client(), request.lane());
        if (last != null && request.timestamp() < last.timestamp()) {
            context.counters.drop(DropReason.OLD_TIMESTAMP);
            return;
        }
        if (last != null && request.timestamp() == last.timestamp()) {
            execution.resendCachedReply(request, last);
            return;
        }
        if (request.isReadOnly()) {
            onReadOnly(request);
            return;
        }
        if (large && !storeBody(digest, request, true)) {
            return;
        }
        if (!context.viewActive) {
            return; // no primary to give it to; the client retransmits after the view change
        }
        if (context.isPrimary()) {
            if (batcher.enqueue(request, digest)) {
                batcher.propose();
            }
            return;
        }
        if (sender == request.client()) {
            // A backup that knows of a request waits for it; the view change replaces a primary that never orders it.
            viewChanges.onRequestKnown(request);
            if (!large) {
                // The client retransmitted to everyone: the primary may not have it (PROTOCOL.md, step 6).
                // Large requests need no forwarding: clients multicast them from the first send.
                context.outbox.send(context.primary(), request);
            }
        }
    }

    /** Stores a large request's body and lets held pre-prepares waiting for it go on; false if refused. */
    private boolean storeBody(Digest digest, Request request, boolean verified) {
        DropReason refused = context.requestStore.put(digest, request, verified);
        if (refused != null) {
            context.counters.drop(refused);
            return false;
        }
        agreement.onRequestBody(digest);
        return true;
    }

    private void onReadOnly(Request request) {
        if (context.lastExecuted < context.executedBeforeRestartAtMost) {
            context.counters.drop(DropReason.READ_ONLY_BEFORE_CAUGHT_UP);
            return;
        }
        if (!context.services.service().isReadOnly(request.operation())) {
            context.counters.drop(DropReason.READ_ONLY_REQUEST_WRITES);
            return;
        }
        if (execution.heldReplies() >= context.config.pendingRequestsMax()) {
            context.counters.drop(DropReason.PENDING_QUEUE_FULL);
            return;
        }
        execution.executeReadOnly(request);
    }
}
