package org.bftee.core.sim;

import java.util.HashMap;
import java.util.Map;
import org.bftee.core.message.Message;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.sim.check.ExactlyOnceChecker;
import org.bftee.core.sim.check.RequestId;

/**
 * A trivial replica for the self-tests: it "executes" each client request once, in arrival order
 * (no agreement: replicas may disagree on the order, which these tests do not check), and replies
 * with the operation echoed; a retransmitted request gets the cached reply.
 */
final class EchoReplica implements ProtocolNode {

    private final HostContext context;
    private final ExactlyOnceChecker exactlyOnce;
    private final Map<RequestId, Reply> replies = new HashMap<>();
    private long lastExecuted;

    EchoReplica(HostContext context, ExactlyOnceChecker exactlyOnce) {
        this.context = context;
        this.exactlyOnce = exactlyOnce;
    }

    @Override
    public void onMessage(int sender, Message message) {
        if (!(message instanceof Request request)) {
            return;
        }
        RequestId id = new RequestId(request.client(), request.lane(), request.timestamp());
        Reply reply = replies.get(id);
        if (reply == null) {
            lastExecuted++;
            exactlyOnce.executed(context.self(), lastExecuted, id);
            reply = new Reply(0, request.client(), request.lane(), request.timestamp(), context.self(), 0,
                    request.operation());
            replies.put(id, reply);
        }
        context.outbox().send(request.client(), reply);
    }

    @Override
    public void onTimer(ProtocolTimer timer) {
        throw new IllegalStateException("an echo replica sets no timer, yet " + timer + " expired");
    }

    @Override
    public void checkInvariants() {
        if (replies.size() != lastExecuted) {
            throw new IllegalStateException("replica " + context.self() + " cached " + replies.size()
                    + " replies for " + lastExecuted + " executions");
        }
    }
}
