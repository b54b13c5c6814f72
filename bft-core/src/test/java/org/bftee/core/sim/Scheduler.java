package org.bftee.core.sim;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time and the event queue of a simulation. One thread; events run in order of
 * (virtual time, insertion number), so two events at the same millisecond run in the order they
 * were scheduled and a run is reproducible from its seed. Time only moves when an event runs or
 * {@link #runUntil(long)} reaches its end.
 */
public final class Scheduler {

    private final PriorityQueue<ScheduledEvent> queue = new PriorityQueue<>(
            Comparator.comparingLong((ScheduledEvent e) -> e.timeMillis).thenComparingLong(e -> e.sequence));
    private final long eventsMax;
    private long nowMillis;
    private long nextSequence;
    private long executed;

    /**
     * @param eventsMax the most events one simulation may run: a protocol that livelocks (an
     *                  endless timer or message loop at one instant) fails the run instead of hanging it
     */
    public Scheduler(long eventsMax) {
        if (eventsMax < 1) {
            throw new IllegalArgumentException("eventsMax must be positive, got " + eventsMax);
        }
        this.eventsMax = eventsMax;
    }

    /** Virtual milliseconds since the start of the run. */
    public long nowMillis() {
        return nowMillis;
    }

    /** Events run so far. */
    public long executedEvents() {
        return executed;
    }

    /** Runs {@code action} at {@code timeMillis}, which must not be in the past. */
    public ScheduledEvent at(long timeMillis, Runnable action) {
        if (timeMillis < nowMillis) {
            throw new IllegalArgumentException("event at " + timeMillis + " ms is in the past (now " + nowMillis + ")");
        }
        ScheduledEvent event = new ScheduledEvent(timeMillis, nextSequence++, action);
        queue.add(event);
        return event;
    }

    /** Runs {@code action} {@code delayMillis} from now. */
    public ScheduledEvent after(long delayMillis, Runnable action) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay " + delayMillis);
        }
        return at(nowMillis + delayMillis, action);
    }

    /** Runs the next pending event, if there is one at or before {@code limitMillis}; says whether one ran. */
    public boolean step(long limitMillis) {
        while (!queue.isEmpty()) {
            ScheduledEvent next = queue.peek();
            if (next.isCancelled()) {
                queue.poll();
                continue;
            }
            if (next.timeMillis > limitMillis) {
                return false;
            }
            queue.poll();
            if (++executed > eventsMax) {
                throw new IllegalStateException("more than " + eventsMax + " events by " + next.timeMillis
                        + " ms: a livelock, or raise eventsMax");
            }
            nowMillis = next.timeMillis;
            next.markRan();
            next.action.run();
            return true;
        }
        return false;
    }

    /** Runs every event up to and including {@code timeMillis}, then sets the time to it. */
    public void runUntil(long timeMillis) {
        while (step(timeMillis)) {
            // each step runs one event
        }
        nowMillis = Math.max(nowMillis, timeMillis);
    }

    /**
     * Runs events until {@code done} holds (checked before each event) or time would pass
     * {@code limitMillis}; says whether {@code done} held. Time stays at the last event run.
     */
    public boolean runUntil(BooleanSupplier done, long limitMillis) {
        while (!done.getAsBoolean()) {
            if (!step(limitMillis)) {
                return done.getAsBoolean();
            }
        }
        return true;
    }
}
