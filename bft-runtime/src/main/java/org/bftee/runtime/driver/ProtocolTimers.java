package org.bftee.runtime.driver;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bftee.core.protocol.ProtocolTimer;

/**
 * The timers a core sets through its outbox, with the semantics its driver contract asks for: a
 * timer set again before it expired restarts, a cancelled one never fires. Each set or cancel
 * bumps the timer's generation; an expiry fires only if its generation is still current when it
 * reaches the owner thread. The scheduler thread only queues the expiry on the {@link OwnerLoop}.
 * Called on the owner thread only.
 */
final class ProtocolTimers {

    private final ScheduledExecutorService scheduler;
    private final OwnerLoop owner;
    private final java.util.function.Consumer<ProtocolTimer> onExpiry;
    private final Map<ProtocolTimer, Long> generation = new EnumMap<>(ProtocolTimer.class);

    ProtocolTimers(ScheduledExecutorService scheduler, OwnerLoop owner,
                   java.util.function.Consumer<ProtocolTimer> onExpiry) {
        this.scheduler = scheduler;
        this.owner = owner;
        this.onExpiry = onExpiry;
    }

    void set(ProtocolTimer timer, long delayMillis) {
        long current = generation.merge(timer, 1L, Long::sum);
        schedule(() -> fireIfCurrent(timer, current), Math.max(0, delayMillis));
    }

    /**
     * An expiry must not be lost to a full queue (a lost STATUS timer would stop retransmission
     * for good): the scheduler tries again a millisecond later until the owner takes it.
     */
    private void schedule(Runnable expiry, long delayMillis) {
        scheduler.schedule(() -> {
            if (!owner.offer(expiry) && owner.isRunning()) {
                schedule(expiry, 1);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    void cancel(ProtocolTimer timer) {
        generation.merge(timer, 1L, Long::sum);
    }

    private void fireIfCurrent(ProtocolTimer timer, long expected) {
        if (generation.getOrDefault(timer, 0L) == expected) {
            generation.merge(timer, 1L, Long::sum);
            onExpiry.accept(timer);
        }
    }
}
