package org.bftee.runtime.driver;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One timer of an owner thread, re-armed lazily: setting it again moves its deadline, not a task in
 * the scheduler. The scheduler holds at most one live check per timer, due no later than the deadline;
 * when the check reaches the owner and finds the deadline moved later, it schedules the next check for
 * the new deadline.
 *
 * <p>Why: the protocol restarts some timers on every bit of progress (a backup's view-change timer
 * whenever a request executes, a client's retransmission timer per reply). Cancelling and scheduling a
 * task each time left every cancelled task in the scheduler's queue until its original delay ran out:
 * tens of thousands per replica under load, each insertion paying for the heap they formed.
 *
 * <p>Semantics the drivers' contracts ask for: a timer set again before it expired restarts (it fires
 * at the latest deadline set, never before it); a cancelled timer never fires; an expiry is never lost
 * to a full owner queue (the scheduler offers it again a millisecond later while the owner runs).
 *
 * <p>Threads: every method runs on the owner thread; the scheduler thread only queues checks on the
 * {@link Owner}.
 */
public final class DeadlineTimer {

    private final ScheduledExecutorService scheduler;
    private final Owner owner;
    private final LongSupplier nanoClock;
    private final Runnable onExpiry;

    private boolean set;
    private long deadlineNanos;
    /** The check the scheduler holds: only the one with the current serial counts, the others are stale. */
    private boolean checkPending;
    private long checkDueNanos;
    private long checkSerial;

    /**
     * @param nanoClock the clock deadlines are read on, {@link System#nanoTime()} outside tests
     * @param onExpiry  run on the owner thread when the timer expires
     */
    public DeadlineTimer(ScheduledExecutorService scheduler, Owner owner, LongSupplier nanoClock,
                         Runnable onExpiry) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.onExpiry = Objects.requireNonNull(onExpiry, "onExpiry");
    }

    /** (Re)starts the timer to expire {@code delayMillis} from now. */
    public void setAfter(long delayMillis) {
        setAt(nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMillis)));
    }

    /** (Re)starts the timer to expire at {@code deadline} on the timer's clock. */
    public void setAt(long deadline) {
        set = true;
        deadlineNanos = deadline;
        if (!checkPending || checkDueNanos - deadline > 0) {
            scheduleCheck(deadline);
        }
    }

    public void cancel() {
        set = false;
    }

    public boolean isSet() {
        return set;
    }

    private void scheduleCheck(long due) {
        checkPending = true;
        checkDueNanos = due;
        long serial = ++checkSerial;
        Runnable check = () -> check(serial);
        long delay = Math.max(0, due - nanoClock.getAsLong());
        scheduler.schedule(() -> offerUntilTaken(check), delay, TimeUnit.NANOSECONDS);
    }

    private void offerUntilTaken(Runnable check) {
        if (!owner.offer(check) && owner.isRunning()) {
            scheduler.schedule(() -> offerUntilTaken(check), 1, TimeUnit.MILLISECONDS);
        }
    }

    private void check(long serial) {
        if (serial != checkSerial) {
            return;
        }
        checkPending = false;
        if (!set) {
            return;
        }
        if (nanoClock.getAsLong() - deadlineNanos >= 0) {
            set = false;
            onExpiry.run();
        } else {
            scheduleCheck(deadlineNanos);
        }
    }
}
