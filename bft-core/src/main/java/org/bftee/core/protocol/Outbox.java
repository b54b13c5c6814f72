package org.bftee.core.protocol;

import org.bftee.core.message.Message;

/**
 * The effects a protocol state machine (replica or client core) emits while it handles one event.
 * The driver (the runtime's owner thread, or the simulator) implements it and applies the effects
 * in the order they were emitted; authentication (MACs, authenticators) and encoding are the
 * driver's job, so the state machines deal in plain messages.
 *
 * <p>Calls happen only on the thread that is handling an event for the state machine; an
 * implementation may buffer them and act after the event returns, but must keep their order.
 */
public interface Outbox {

    /** Sends {@code message} to one principal (replica or client), with a single MAC for it. */
    void send(int receiver, Message message);

    /** Sends {@code message} to every replica but the sender, with one authenticator covering them all. */
    void multicast(Message message);

    /** Starts {@code timer} to expire after {@code delayMillis}; restarts it if it is running. */
    void setTimer(ProtocolTimer timer, long delayMillis);

    /** Stops {@code timer}; nothing happens if it is not running. */
    void cancelTimer(ProtocolTimer timer);
}
