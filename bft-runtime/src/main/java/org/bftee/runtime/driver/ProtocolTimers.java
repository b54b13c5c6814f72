package org.bftee.runtime.driver;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.bftee.core.protocol.ProtocolTimer;

/**
 * The timers a core sets through its outbox, one {@link DeadlineTimer} per kind, with the semantics
 * its driver contract asks for: a timer set again before it expired restarts, a cancelled one never
 * fires. Called on the owner thread only.
 */
public final class ProtocolTimers {

    private final ScheduledExecutorService scheduler;
    private final Owner owner;
    private final Consumer<ProtocolTimer> onExpiry;
    private final Map<ProtocolTimer, DeadlineTimer> timers = new EnumMap<>(ProtocolTimer.class);

    /** @param onExpiry called on the owner thread with the timer that expired */
    public ProtocolTimers(ScheduledExecutorService scheduler, Owner owner, Consumer<ProtocolTimer> onExpiry) {
        this.scheduler = scheduler;
        this.owner = owner;
        this.onExpiry = onExpiry;
    }

    public void set(ProtocolTimer timer, long delayMillis) {
        // Called on every executed request (the view-change timer): no method reference per call.
        DeadlineTimer existing = timers.get(timer);
        if (existing == null) {
            existing = newTimer(timer);
            timers.put(timer, existing);
        }
        existing.setAfter(delayMillis);
    }

    public void cancel(ProtocolTimer timer) {
        DeadlineTimer existing = timers.get(timer);
        if (existing != null) {
            existing.cancel();
        }
    }

    private DeadlineTimer newTimer(ProtocolTimer timer) {
        return new DeadlineTimer(scheduler, owner, System::nanoTime, () -> onExpiry.accept(timer));
    }
}
