package org.bftee.bench.load;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * One run, coordinated from the caller's thread: starts the driver and the progress line, waits
 * for the end of the measured period (the drivers stop sending by themselves), then for the
 * operations in flight up to the drain timeout, and assembles the result.
 */
final class LoadRun {

    private LoadRun() {
    }

    static LoadResult run(LoadPlan plan, List<LoadTarget> targets, PrintStream progressOut)
            throws InterruptedException {
        RunState state = new RunState(targets.size(), System.nanoTime(), plan);
        LoadDriver driver = driverFor(plan, targets, state);
        ProgressReporter progress = new ProgressReporter(progressOut, state, plan);
        driver.start();
        progress.start();
        try {
            sleepUntil(state.measureEnd());
        } finally {
            progress.stop();
        }
        driver.awaitQuiet(state.measureEnd() + plan.drainTimeout().toNanos());
        long unfinished = state.outstanding().get();
        if (unfinished > 0) {
            driver.abandon();
        }
        Histogram measured = state.measured();
        double throughput = measured.getTotalCount() / (plan.measured().toNanos() / 1e9);
        return new LoadResult(plan.workload().name(), plan.mode(), plan.measured(), measured.getTotalCount(),
                throughput, LatencySummary.of(measured), state.failures(), state.skippedCount(), unfinished);
    }

    private static LoadDriver driverFor(LoadPlan plan, List<LoadTarget> targets, RunState state) {
        if (plan.mode() instanceof LoadMode.OpenLoop open) {
            return new OpenLoopDriver(state, targets, open, plan.workload().operations());
        }
        return new ClosedLoopDriver(state, targets, plan.workload().operations());
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }
}
