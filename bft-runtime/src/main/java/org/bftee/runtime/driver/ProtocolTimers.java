package org.bftee.runtime.driver;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.bftee.core.protocol.ProtocolTimer;

/**
 * The timers a core sets through its outbox, with the semantics its driver contract asks for: a
 * timer set again before it expired restarts, a cancelled one never fires. Each set or cancel
 * bumps the timer's generation; an expiry fires only if its generation is still current when it
 * reaches the owner thread. The scheduler thread only queues the expiry on the {@link OwnerLoop}.
 * Called on the owner thread only, except {@link #cancelAll()}.
 *
 * <p>The scheduler may be shared with others and outlive the driver (a container's managed
 * scheduled executor): a restarted or cancelled timer therefore also cancels its scheduled task,
 * and {@link #cancelAll()} leaves nothing of this driver in the scheduler's queue.
 */
final class ProtocolTimers {

    private final ScheduledExecutorService scheduler;
    private final OwnerLoop owner;
    private final Consumer<ProtocolTimer> onExpiry;
    private final Map<ProtocolTimer, Long> generation = new EnumMap<>(ProtocolTimer.class);
    private final Map<ProtocolTimer, ScheduledFuture<?>> scheduled = new EnumMap<>(ProtocolTimer.class);

    ProtocolTimers(ScheduledExecutorService scheduler, OwnerLoop owner, Consumer<ProtocolTimer> onExpiry) {
        this.scheduler = scheduler;
        this.owner = owner;
        this.onExpiry = onExpiry;
    }

    void set(ProtocolTimer timer, long delayMillis) {
        long current = generation.merge(timer, 1L, Long::sum);
        ScheduledFuture<?> previous = scheduled.put(timer,
                schedule(() -> fireIfCurrent(timer, current), Math.max(0, delayMillis)));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /**
     * An expiry must not be lost to a full queue (a lost STATUS timer would stop retransmission
     * for good): the scheduler tries again a millisecond later until the owner takes it. Those
     * retries are not tracked: they end as soon as the owner stops.
     */
    private ScheduledFuture<?> schedule(Runnable expiry, long delayMillis) {
        return scheduler.schedule(() -> {
            if (!owner.offer(expiry) && owner.isRunning()) {
                schedule(expiry, 1);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    void cancel(ProtocolTimer timer) {
        generation.merge(timer, 1L, Long::sum);
        ScheduledFuture<?> previous = scheduled.remove(timer);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /**
     * Cancels every scheduled expiry. Called once the owner thread has ended (its end, seen
     * through {@link Thread#join}, makes the owner's writes to this object visible here).
     */
    void cancelAll() {
        scheduled.values().forEach(future -> future.cancel(false));
        scheduled.clear();
    }

    private void fireIfCurrent(ProtocolTimer timer, long expected) {
        if (generation.getOrDefault(timer, 0L) == expected) {
            generation.merge(timer, 1L, Long::sum);
            onExpiry.accept(timer);
        }
    }
}
