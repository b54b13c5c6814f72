package org.bftee.core.client;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.message.Message;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;

/** An {@link Outbox} that records every effect in order, and keeps the retransmission timer's deadline. */
final class RecordingOutbox implements Outbox {

    /** One effect a client core emitted. */
    sealed interface Effect permits Sent, Multicast, TimerSet, TimerCancelled {
    }

    record Sent(int receiver, Request request) implements Effect {
    }

    record Multicast(Request request) implements Effect {
    }

    record TimerSet(ProtocolTimer timer, long delayMillis) implements Effect {
    }

    record TimerCancelled(ProtocolTimer timer) implements Effect {
    }

    private final ManualClock clock;
    private final List<Effect> effects = new ArrayList<>();
    private boolean timerSet;
    private long timerDue;

    RecordingOutbox(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void send(int receiver, Message message) {
        effects.add(new Sent(receiver, (Request) message));
    }

    @Override
    public void multicast(Message message) {
        effects.add(new Multicast((Request) message));
    }

    @Override
    public void setTimer(ProtocolTimer timer, long delayMillis) {
        if (delayMillis < 0) {
            throw new AssertionError("negative timer delay " + delayMillis);
        }
        effects.add(new TimerSet(timer, delayMillis));
        timerSet = true;
        timerDue = clock.nowMillis() + delayMillis;
    }

    @Override
    public void cancelTimer(ProtocolTimer timer) {
        effects.add(new TimerCancelled(timer));
        timerSet = false;
    }

    /** The effects emitted since the last call, which are forgotten. */
    List<Effect> take() {
        List<Effect> taken = List.copyOf(effects);
        effects.clear();
        return taken;
    }

    /** The requests sent or multicast since the last {@link #take()}, without taking them. */
    List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        for (Effect effect : effects) {
            if (effect instanceof Sent sent) {
                requests.add(sent.request());
            } else if (effect instanceof Multicast multicast) {
                requests.add(multicast.request());
            }
        }
        return requests;
    }

    boolean timerSet() {
        return timerSet;
    }

    /** When the timer expires, by the manual clock. */
    long timerDue() {
        return timerDue;
    }

    /** The driver delivers the expiry: the timer is no longer set. */
    void timerFired() {
        timerSet = false;
    }
}
