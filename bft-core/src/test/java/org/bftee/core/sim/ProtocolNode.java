package org.bftee.core.sim;

import org.bftee.core.message.Message;
import org.bftee.core.protocol.ProtocolTimer;

/**
 * A protocol state machine as the simulator drives it: the replica or the client core behind a
 * thin adapter, or a test node. It emits its effects through the {@link org.bftee.core.protocol.Outbox}
 * of its {@link HostContext}.
 */
public interface ProtocolNode {

    /** An authenticated message from {@code sender} (the frame's opener checked the MAC and the author). */
    void onMessage(int sender, Message message);

    /** {@code timer} expired. */
    void onTimer(ProtocolTimer timer);

    /**
     * Throws if the state machine's internal invariants do not hold. The host calls it after
     * every event, so a broken invariant fails the run at the event that broke it (STYLE rule 3).
     */
    void checkInvariants();
}
