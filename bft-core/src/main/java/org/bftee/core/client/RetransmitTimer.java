package org.bftee.core.client;

import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;

/**
 * The one {@link ProtocolTimer#CLIENT_RETRANSMIT} timer of a client core, kept set to the earliest
 * deadline of its busy lanes and cancelled when none is busy. It emits a timer effect only when
 * that earliest deadline changes.
 *
 * <p>Deadlines are absolute readings of the core's {@code TimeSource}, which may be a wall clock
 * that jumps. When the timer fires, the deadline it was set for counts as passed even if the
 * clock reads earlier (it was set back), so a clock jumping backwards cannot stall
 * retransmission; a clock jumping forwards only makes a retransmission early.
 */
final class RetransmitTimer {

    private final Outbox outbox;
    private boolean armed;
    private long armedDeadline;

    RetransmitTimer(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Notes that the timer fired at clock reading {@code clockMillis}; returns the time to treat
     * as now: the clock, or the deadline the timer was set for if that is later.
     */
    long expired(long clockMillis) {
        long now = armed ? Math.max(clockMillis, armedDeadline) : clockMillis;
        armed = false;
        return now;
    }

    /** Sets, moves or cancels the timer for the earliest deadline among {@code lanes}. */
    void reschedule(Lane[] lanes, long nowMillis) {
        Lane earliest = earliest(lanes);
        if (earliest == null) {
            if (armed) {
                armed = false;
                outbox.cancelTimer(ProtocolTimer.CLIENT_RETRANSMIT);
            }
            return;
        }
        if (!armed || armedDeadline != earliest.deadlineMillis()) {
            armed = true;
            armedDeadline = earliest.deadlineMillis();
            outbox.setTimer(ProtocolTimer.CLIENT_RETRANSMIT, Math.max(0, armedDeadline - nowMillis));
        }
    }

    /** Always-on check: set exactly when a lane is busy, for the earliest deadline. */
    void checkInvariants(Lane[] lanes) {
        Lane earliest = earliest(lanes);
        if (earliest == null ? armed : !armed || armedDeadline != earliest.deadlineMillis()) {
            throw new IllegalStateException("retransmission timer " + (armed ? "set for " + armedDeadline : "not set")
                    + " but the earliest deadline is " + (earliest == null ? "none" : earliest.deadlineMillis()));
        }
    }

    private static Lane earliest(Lane[] lanes) {
        Lane earliest = null;
        for (Lane lane : lanes) {
            if (lane.isBusy() && (earliest == null || lane.deadlineMillis() < earliest.deadlineMillis())) {
                earliest = lane;
            }
        }
        return earliest;
    }
}
