package org.bftee.ra;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads from the application server, as the Connectors specification wants a resource adapter to
 * get them: each task handed to {@link #execute} becomes a {@link Work} started on the
 * {@link BootstrapContext}'s {@link WorkManager}, and each of {@link #shortTasks()} one it schedules. The client runtime's tasks are long-lived (a Netty
 * event loop, a session's owner loop, each running until the adapter closes it), so they carry the
 * long-running hint where the container supports hints, which lets it take them from a pool apart
 * from short requests.
 */
final class WorkManagerThreads implements Executor {

    private final WorkManager workManager;
    private final boolean hintsSupported;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger shortTasksRunning = new AtomicInteger();

    WorkManagerThreads(BootstrapContext context) {
        this.workManager = context.getWorkManager();
        this.hintsSupported = context.isContextSupported(HintsContext.class);
    }

    /**
     * Starts {@code task} on a container thread and returns once it runs.
     *
     * @throws RejectedExecutionException if the WorkManager refuses it (for example, no thread left)
     */
    @Override
    public void execute(Runnable task) {
        try {
            workManager.startWork(hintsSupported ? new HintedWork(task, running) : new PlainWork(task, running));
        } catch (WorkException refused) {
            throw new RejectedExecutionException("the application server's WorkManager refused a thread to the BFT"
                    + " client runtime (error code " + refused.getErrorCode() + "): " + refused.getMessage(), refused);
        }
    }

    /**
     * @return an executor for short tasks (completing an application's stages), as Work that the
     *         WorkManager schedules without the long-running hint
     */
    Executor shortTasks() {
        return task -> {
            try {
                workManager.scheduleWork(new PlainWork(task, shortTasksRunning));
            } catch (WorkException refused) {
                throw new RejectedExecutionException("the application server's WorkManager refused a short task of"
                        + " the BFT resource adapter (error code " + refused.getErrorCode() + "): "
                        + refused.getMessage(), refused);
            }
        };
    }

    /**
     * @return how many long-running tasks are running now; after the adapter stopped, 0 unless one hangs
     */
    int running() {
        return running.get();
    }

    private static class PlainWork implements Work {

        private final Runnable task;
        private final AtomicInteger running;

        PlainWork(Runnable task, AtomicInteger running) {
            this.task = task;
            this.running = running;
        }

        @Override
        public void run() {
            running.incrementAndGet();
            try {
                task.run();
            } finally {
                running.decrementAndGet();
            }
        }

        /**
         * The tasks end when their owners close (the adapter's {@code stop()} closes every session
         * and transport), which is the only way to end them cleanly: interrupting a Netty event loop
         * or an owner loop from here would lose the events they hold.
         */
        @Override
        public void release() {
            // See above: the adapter's stop() ends the tasks.
        }
    }

    private static final class HintedWork extends PlainWork implements WorkContextProvider {

        private static final long serialVersionUID = 1L;

        HintedWork(Runnable task, AtomicInteger running) {
            super(task, running);
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            HintsContext hints = new HintsContext();
            hints.setName("BFT client runtime");
            hints.setDescription("a Netty event loop or a client session's owner loop of the BFT resource adapter");
            hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
            return List.of(hints);
        }
    }
}
