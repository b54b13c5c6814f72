package org.bftee.core.sim;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.bftee.core.auth.AuthRejectionCounters;
import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.OpenResult;
import org.bftee.core.auth.Principals;
import org.bftee.core.message.Message;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.protocol.TimeSource;

/**
 * One principal's machine in the simulation: it runs a {@link ProtocolNode} and is its
 * {@link Outbox}. Messages are sealed into real frames ({@link FrameSealer}) and put on the
 * {@link SimNetwork}; arriving frames are opened ({@link FrameOpener}) and only authenticated
 * messages reach the node. Timers live on the {@link Scheduler}: setting a running timer restarts
 * it, cancelling a stopped one does nothing. After every event the node's invariants are checked.
 *
 * <p>Effects act at once, in the order the node emits them; a frame is never delivered within the
 * event that sent it, so the node is never re-entered.
 */
public final class SimHost implements Outbox, FrameEndpoint {

    /** Virtual time zero on every host's clock, before skew: 2023-11-14T22:13:20Z. */
    public static final long EPOCH_MILLIS = 1_700_000_000_000L;

    private final int id;
    private final Principals principals;
    private final Scheduler scheduler;
    private final SimNetwork network;
    private final EventTrace trace;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final Map<ProtocolTimer, ScheduledEvent> timers = new EnumMap<>(ProtocolTimer.class);
    private ProtocolNode node;
    private MessageInterceptor interceptor;
    private OpenedFrameListener openedListener;
    private long clockSkewMillis;
    private boolean down;
    private long messagesOpened;

    SimHost(int id, Principals principals, Scheduler scheduler, SimNetwork network, EventTrace trace,
            FrameSealer sealer, FrameOpener opener) {
        this.id = id;
        this.principals = principals;
        this.scheduler = scheduler;
        this.network = network;
        this.trace = trace;
        this.sealer = sealer;
        this.opener = opener;
    }

    public int id() {
        return id;
    }

    /** The node, or {@code null} before {@link Simulation#start} gave the host one. */
    public ProtocolNode node() {
        return node;
    }

    void attach(ProtocolNode node) {
        if (this.node != null) {
            throw new IllegalStateException("host " + id + " already runs a node");
        }
        this.node = Objects.requireNonNull(node, "node");
    }

    /** This host's clock: the run's virtual time plus its skew. */
    public TimeSource clock() {
        return () -> EPOCH_MILLIS + scheduler.nowMillis() + clockSkewMillis;
    }

    /** Sets this host's clock ahead (or behind, if negative) of virtual time. Timers are not affected. */
    public void clockSkewMillis(long skewMillis) {
        this.clockSkewMillis = skewMillis;
    }

    /** Makes this host Byzantine: every message it sends passes {@code interceptor} first; {@code null} removes it. */
    public void intercept(MessageInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /** Tells {@code listener} of every frame this host opens from now on, before its node sees the message. */
    public void onOpened(OpenedFrameListener listener) {
        this.openedListener = listener;
    }

    /** Whether this host's opener would accept {@code frame} now; nothing is delivered. */
    public boolean authentic(byte[] frame) {
        return opener.open(ByteBuffer.wrap(frame)) instanceof OpenResult.Opened;
    }

    /** Crashes the host: it stops receiving, its timers stop, and its node is never called again. */
    public void crash() {
        down = true;
        timers.values().forEach(ScheduledEvent::cancel);
        timers.clear();
    }

    /**
     * Brings a crashed host back without its node: everything the node held is lost, as after a
     * process restart; {@link Simulation#restart} gives it a new one.
     */
    void revive() {
        if (!down) {
            throw new IllegalStateException("host " + id + " is not down");
        }
        down = false;
        node = null;
    }

    public boolean isDown() {
        return down;
    }

    /** Frames this host's opener refused, per reason. */
    public AuthRejectionCounters rejections() {
        return opener.counters();
    }

    /** Messages that reached the node. */
    public long messagesOpened() {
        return messagesOpened;
    }

    /** Whether {@code timer} is running. */
    public boolean isTimerSet(ProtocolTimer timer) {
        ScheduledEvent event = timers.get(timer);
        return event != null && event.isPending();
    }

    /** Runs {@code action} as an event of this host (a client invocation, say), then checks the invariants. */
    public void run(Runnable action) {
        if (down || node == null) {
            return;
        }
        action.run();
        node.checkInvariants();
    }

    @Override
    public void send(int receiver, Message message) {
        Message outgoing = interceptor == null ? message : interceptor.rewrite(receiver, message);
        if (outgoing != null) {
            network.send(id, receiver, bytes(sealer.seal(receiver, outgoing)));
        }
    }

    @Override
    public void multicast(Message message) {
        if (interceptor == null) {
            byte[] frame = bytes(sealer.sealMulticast(message));
            for (int replica = 0; replica < principals.n(); replica++) {
                if (replica != id) {
                    network.send(id, replica, frame);
                }
            }
            return;
        }
        for (int replica = 0; replica < principals.n(); replica++) {
            Message outgoing = replica == id ? null : interceptor.rewrite(replica, message);
            if (outgoing != null) {
                network.send(id, replica, bytes(sealer.sealMulticast(outgoing)));
            }
        }
    }

    @Override
    public void setTimer(ProtocolTimer timer, long delayMillis) {
        cancelTimer(timer);
        timers.put(timer, scheduler.after(delayMillis, () -> expire(timer)));
    }

    @Override
    public void cancelTimer(ProtocolTimer timer) {
        ScheduledEvent event = timers.remove(timer);
        if (event != null) {
            event.cancel();
        }
    }

    private void expire(ProtocolTimer timer) {
        timers.remove(timer);
        trace.record(scheduler.nowMillis(), "timer", id, timer.ordinal(), 0);
        node.onTimer(timer);
        node.checkInvariants();
    }

    @Override
    public boolean deliver(int linkSender, byte[] frame) {
        if (down || node == null) {
            return false;
        }
        OpenResult result = opener.open(ByteBuffer.wrap(frame));
        if (result instanceof OpenResult.Opened opened) {
            messagesOpened++;
            if (openedListener != null) {
                openedListener.opened(id, frame, opened.sender(), opened.message());
            }
            node.onMessage(opened.sender(), opened.message());
            node.checkInvariants();
        } else {
            network.rejected((OpenResult.Rejected) result);
        }
        return true;
    }

    /** The frame's bytes; the sealer's buffers are fresh and exactly filled, so no copy is needed. */
    private static byte[] bytes(ByteBuffer frame) {
        if (frame.hasArray() && frame.arrayOffset() == 0 && frame.position() == 0
                && frame.remaining() == frame.array().length) {
            return frame.array();
        }
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return bytes;
    }
}
