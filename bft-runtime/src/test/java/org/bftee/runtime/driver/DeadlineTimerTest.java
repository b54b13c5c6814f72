package org.bftee.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineTimerTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final OwnerLoop owner = new OwnerLoop("deadline-timer-test", 1024, () -> { });
    private final AtomicInteger expiries = new AtomicInteger();
    private final AtomicLong expiredAt = new AtomicLong();
    private final CountDownLatch expired = new CountDownLatch(1);
    private final DeadlineTimer timer = new DeadlineTimer(scheduler, owner, System::nanoTime, () -> {
        expiredAt.set(System.nanoTime());
        expiries.incrementAndGet();
        expired.countDown();
    });

    DeadlineTimerTest() {
        owner.start();
    }

    @AfterEach
    void stop() {
        owner.close(Duration.ofSeconds(5));
        scheduler.shutdownNow();
    }

    /** Runs {@code action} on the owner thread, as the timer's contract asks, and waits for it. */
    private <T> T onOwner(java.util.function.Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        assertTrue(owner.offer(() -> result.complete(action.get())));
        return result.get(5, TimeUnit.SECONDS);
    }

    @Test
    void restartingManyTimesKeepsOneCheckInTheSchedulerAndFiresOnceAfterTheLastDeadline() throws Exception {
        long lastDeadline = onOwner(() -> {
            long deadline = 0;
            for (int i = 0; i < 10_000; i++) {
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                timer.setAt(deadline);
            }
            return deadline;
        });
        assertTrue(scheduler.getQueue().size() <= 1, "checks queued: " + scheduler.getQueue().size());

        assertTrue(expired.await(10, TimeUnit.SECONDS), "the timer expired");
        assertTrue(expiredAt.get() - lastDeadline >= 0, "not before the last deadline set");
        Thread.sleep(100);
        assertEquals(1, expiries.get());
    }

    @Test
    void aTimerSetLaterWhileItsCheckIsDueIsCheckedAgainAtTheNewDeadline() throws Exception {
        onOwner(() -> {
            timer.setAfter(20);
            return null;
        });
        Thread.sleep(5);
        long later = onOwner(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(80);
            timer.setAt(deadline);
            return deadline;
        });

        assertTrue(expired.await(10, TimeUnit.SECONDS), "the timer expired");
        assertTrue(expiredAt.get() - later >= 0, "not at the first deadline but at the later one");
        assertEquals(1, expiries.get());
    }

    @Test
    void anEarlierDeadlineIsNotHeldBackByTheCheckOfALaterOne() throws Exception {
        onOwner(() -> {
            timer.setAfter(TimeUnit.MINUTES.toMillis(10));
            timer.setAfter(10);
            return null;
        });

        assertTrue(expired.await(10, TimeUnit.SECONDS), "fired at the earlier deadline, long before ten minutes");
        assertEquals(1, expiries.get());
    }

    @Test
    void aCancelledTimerNeverFires() throws Exception {
        onOwner(() -> {
            timer.setAfter(10);
            timer.cancel();
            return null;
        });

        Thread.sleep(200);
        assertEquals(0, expiries.get());
        assertEquals(false, onOwner(timer::isSet));
    }

    @Test
    void aTimerThatFiredCanBeSetAgain() throws Exception {
        onOwner(() -> {
            timer.setAfter(5);
            return null;
        });
        assertTrue(expired.await(10, TimeUnit.SECONDS));
        long deadline = onOwner(() -> {
            long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
            timer.setAt(at);
            return at;
        });
        for (int i = 0; i < 200 && expiries.get() < 2; i++) {
            Thread.sleep(10);
        }
        assertEquals(2, expiries.get());
        assertTrue(expiredAt.get() - deadline >= 0);
    }
}
