package org.bftee.core.sim;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Message;
import org.bftee.core.protocol.ProtocolTimer;

/**
 * A trivial replica for the simulator's self-tests: it floods rumors. A rumor is a number,
 * carried as a CHECKPOINT whose sequence is the rumor and whose digest is derived from it. A
 * replica that learns a rumor multicasts it at once, and every {@link #ANTI_ENTROPY_MILLIS}
 * re-multicasts all it knows, so every rumor reaches every connected replica despite loss.
 */
final class FloodNode implements ProtocolNode {

    static final long ANTI_ENTROPY_MILLIS = 50;
    static final int RUMORS_MAX = 64;

    private final HostContext context;
    private final Map<Long, Long> learnedAtMillis = new TreeMap<>();
    private final List<Received> received = new ArrayList<>();
    private long bogus;
    private boolean breakInvariantOnNextMessage;

    record Received(int sender, Message message) {
    }

    FloodNode(HostContext context) {
        this.context = context;
        context.outbox().setTimer(ProtocolTimer.STATUS, ANTI_ENTROPY_MILLIS);
    }

    /** The digest a rumor travels with. */
    static Digest digestOf(long rumor) {
        return Digest.of(ByteBuffer.allocate(Digest.LENGTH).putLong(rumor).putLong(~rumor).array());
    }

    static Checkpoint rumor(long rumor, int author) {
        return new Checkpoint(rumor, digestOf(rumor), author);
    }

    /** Starts a rumor here. */
    void originate(long rumor) {
        learn(rumor);
    }

    boolean knows(long rumor) {
        return learnedAtMillis.containsKey(rumor);
    }

    /** Virtual time at which this replica learned {@code rumor}. */
    long learnedAtMillis(long rumor) {
        return learnedAtMillis.get(rumor);
    }

    /** Every authenticated message that reached the node, in order. */
    List<Received> received() {
        return received;
    }

    /** Rumors that arrived with a digest that does not match: a Byzantine sender's. */
    long bogus() {
        return bogus;
    }

    /** A deliberate bug, to show that the host checks invariants after each event. */
    void breakInvariantOnNextMessage() {
        breakInvariantOnNextMessage = true;
    }

    @Override
    public void onMessage(int sender, Message message) {
        received.add(new Received(sender, message));
        if (!(message instanceof Checkpoint checkpoint)) {
            return;
        }
        if (!checkpoint.stateDigest().equals(digestOf(checkpoint.sequence()))) {
            bogus++;
            return;
        }
        if (!knows(checkpoint.sequence()) && learnedAtMillis.size() < RUMORS_MAX) {
            learn(checkpoint.sequence());
        }
        if (breakInvariantOnNextMessage) {
            learnedAtMillis.put(-1L, 0L);
        }
    }

    private void learn(long rumor) {
        learnedAtMillis.put(rumor, context.clock().nowMillis() - SimHost.EPOCH_MILLIS);
        context.outbox().multicast(rumor(rumor, context.self()));
    }

    @Override
    public void onTimer(ProtocolTimer timer) {
        if (timer != ProtocolTimer.STATUS) {
            throw new IllegalStateException("unexpected timer " + timer);
        }
        for (long rumor : learnedAtMillis.keySet()) {
            context.outbox().multicast(rumor(rumor, context.self()));
        }
        context.outbox().setTimer(ProtocolTimer.STATUS, ANTI_ENTROPY_MILLIS);
    }

    @Override
    public void checkInvariants() {
        if (learnedAtMillis.size() > RUMORS_MAX) {
            throw new IllegalStateException("replica " + context.self() + " holds " + learnedAtMillis.size()
                    + " rumors, above " + RUMORS_MAX);
        }
        for (long rumor : learnedAtMillis.keySet()) {
            if (rumor < 0) {
                throw new IllegalStateException("replica " + context.self() + " holds rumor " + rumor
                        + ", and rumors are never negative");
            }
        }
    }
}
