package org.bftee.core.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.sim.check.RequestId;

/**
 * A trivial client for the self-tests: one outstanding request per lane, multicast to every
 * replica with a real request authenticator, retransmitted every {@link #RETRANSMIT_MILLIS} until
 * {@code f + 1} replicas reply with the same result.
 */
final class EchoClient implements ProtocolNode {

    static final long RETRANSMIT_MILLIS = 100;

    private final HostContext context;
    private final Authenticators authenticators;
    private final Digester digester;
    private final BiConsumer<RequestId, Bytes> onCompleted;
    private final Map<RequestId, Request> outstanding = new HashMap<>();
    private final Map<RequestId, Map<Bytes, Set<Integer>>> replies = new HashMap<>();

    EchoClient(HostContext context, BiConsumer<RequestId, Bytes> onCompleted) {
        this.context = context;
        this.authenticators = new Authenticators(context.keys());
        this.digester = context.digests().newDigester();
        this.onCompleted = onCompleted;
    }

    /** Sends {@code operation} on {@code lane} with {@code timestamp}. */
    RequestId invoke(int lane, long timestamp, Bytes operation) {
        RequestId id = new RequestId(context.self(), lane, timestamp);
        Request unsigned = new Request(context.self(), lane, timestamp, 0, operation,
                Authenticator.wrap(new byte[context.principals().n() * context.keys().settings().tagLength()],
                        context.keys().settings().tagLength()));
        Digest digest = digester.digest(context.codec().requestDigestInput(unsigned));
        Request request = new Request(context.self(), lane, timestamp, 0, operation,
                authenticators.multicast(digest, context.principals().n()));
        outstanding.put(id, request);
        context.outbox().multicast(request);
        context.outbox().setTimer(ProtocolTimer.CLIENT_RETRANSMIT, RETRANSMIT_MILLIS);
        return id;
    }

    int outstanding() {
        return outstanding.size();
    }

    @Override
    public void onMessage(int sender, Message message) {
        if (!(message instanceof Reply reply) || reply.client() != context.self()) {
            return;
        }
        RequestId id = new RequestId(reply.client(), reply.lane(), reply.timestamp());
        if (!outstanding.containsKey(id)) {
            return;
        }
        Set<Integer> agreeing = replies.computeIfAbsent(id, i -> new HashMap<>())
                .computeIfAbsent(reply.result(), r -> new HashSet<>());
        agreeing.add(sender);
        if (agreeing.size() >= context.principals().quorums().weak()) {
            outstanding.remove(id);
            replies.remove(id);
            onCompleted.accept(id, reply.result());
            if (outstanding.isEmpty()) {
                context.outbox().cancelTimer(ProtocolTimer.CLIENT_RETRANSMIT);
            }
        }
    }

    @Override
    public void onTimer(ProtocolTimer timer) {
        outstanding.values().forEach(context.outbox()::multicast);
        context.outbox().setTimer(ProtocolTimer.CLIENT_RETRANSMIT, RETRANSMIT_MILLIS);
    }

    @Override
    public void checkInvariants() {
        if (!outstanding.keySet().containsAll(replies.keySet())) {
            throw new IllegalStateException("client " + context.self() + " counts replies for a request it does not wait for");
        }
    }
}
