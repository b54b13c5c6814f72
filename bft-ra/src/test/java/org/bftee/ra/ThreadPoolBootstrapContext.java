package org.bftee.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an application server's bootstrap context gives a resource adapter, as far as this adapter
 * uses it: a WorkManager, here over a thread pool, that counts the Work it runs, how much of it
 * is running and how much carried the long-running hint, and the short Work it schedules. For tests
 * outside a container, where no real WorkManager exists; only {@code startWork(Work)} and
 * {@code scheduleWork(Work)} (what the adapter calls) are supported.
 */
final class ThreadPoolBootstrapContext implements BootstrapContext, WorkManager {

    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger longRunning = new AtomicInteger();
    final AtomicInteger scheduled = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @Override
    public WorkManager getWorkManager() {
        return this;
    }

    @Override
    public boolean isContextSupported(Class<? extends jakarta.resource.spi.work.WorkContext> context) {
        return context == HintsContext.class;
    }

    @Override
    public long startWork(Work work) throws WorkException {
        if (work instanceof WorkContextProvider provider && provider.getWorkContexts().stream()
                .anyMatch(context -> context instanceof HintsContext hints
                        && Boolean.TRUE.equals(hints.getHints().get(HintsContext.LONGRUNNING_HINT)))) {
            longRunning.incrementAndGet();
        }
        CountDownLatch begun = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                running.incrementAndGet();
                begun.countDown();
                try {
                    work.run();
                } finally {
                    running.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException shutDown) {
            throw new WorkRejectedException("the pool is shut down", shutDown);
        }
        started.incrementAndGet();
        try {
            begun.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Stops the pool's threads; the adapter should have ended its Work before. */
    void shutdown() {
        pool.shutdownNow();
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        throw unused();
    }

    @Override
    public void doWork(Work work) {
        throw unused();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        throw unused();
    }

    @Override
    public void scheduleWork(Work work) throws WorkException {
        try {
            pool.execute(work);
        } catch (RejectedExecutionException shutDown) {
            throw new WorkRejectedException("the pool is shut down", shutDown);
        }
        scheduled.incrementAndGet();
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        throw unused();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("the adapter uses startWork(Work) and scheduleWork(Work) only");
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        throw new UnsupportedOperationException("the adapter creates no timers");
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }
}
