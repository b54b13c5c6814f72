package org.bftee.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The coordinator of one run, on the caller's thread: starts the driver, moves the phases at their
 * times, harvests the clients' recorders once a second for the progress line, and keeps what was
 * harvested within the measured period. Harvesting exactly at the two period boundaries is what
 * makes "completed within the measured period" exact, and the period's length is taken between
 * those two harvests.
 */
final class LoadRun {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LoadPlan plan;
    private final RunState state;
    private final LoadDriver driver;
    private final ProgressLine progress;

    private LoadRun(LoadPlan plan, List<LoadTarget> targets, PrintStream progressOut) {
        this.plan = plan;
        this.state = new RunState(targets.size());
        this.driver = driverFor(plan, targets, state);
        this.progress = new ProgressLine(progressOut, plan);
    }

    static LoadResult run(LoadPlan plan, List<LoadTarget> targets, PrintStream progressOut)
            throws InterruptedException {
        return new LoadRun(plan, targets, progressOut).run();
    }

    private static LoadDriver driverFor(LoadPlan plan, List<LoadTarget> targets, RunState state) {
        if (plan.mode() instanceof LoadMode.OpenLoop open) {
            return new OpenLoopDriver(state, targets, open, plan.workload().operations());
        }
        return new ClosedLoopDriver(state, targets, plan.workload().operations());
    }

    private LoadResult run() throws InterruptedException {
        long runStart = System.nanoTime();
        long warmUpEnd = runStart + plan.warmUp().toNanos();
        long measureEnd = warmUpEnd + plan.measured().toNanos();
        Histogram measured = new Histogram(RunState.SIGNIFICANT_DIGITS);
        Histogram sinceTick = new Histogram(RunState.SIGNIFICANT_DIGITS);
        Histogram interval = new Histogram(RunState.SIGNIFICANT_DIGITS);
        long nextTick = runStart + TICK_NANOS;
        long measureStart = warmUpEnd;
        driver.start();
        while (true) {
            long boundary = state.phase() == RunState.Phase.WARM_UP ? warmUpEnd : measureEnd;
            long wake = Math.min(nextTick, boundary);
            sleepUntil(wake);
            long now = System.nanoTime();
            interval.reset();
            state.harvestInto(interval);
            sinceTick.add(interval);
            if (state.phase() == RunState.Phase.MEASURE) {
                measured.add(interval);
            }
            if (wake == nextTick) {
                progress.print(now - runStart, state.phase(), sinceTick);
                sinceTick.reset();
                nextTick += TICK_NANOS;
            }
            if (wake == boundary && state.phase() == RunState.Phase.WARM_UP) {
                measureStart = now;
                state.enter(RunState.Phase.MEASURE);
            } else if (wake == boundary) {
                state.enter(RunState.Phase.DRAIN);
                return result(measured, Duration.ofNanos(now - measureStart));
            }
        }
    }

    private LoadResult result(Histogram measured, Duration period) throws InterruptedException {
        driver.awaitQuiet(System.nanoTime() + plan.drainTimeout().toNanos());
        long unfinished = state.outstanding().get();
        if (unfinished > 0) {
            driver.abandon();
        }
        long operations = measured.getTotalCount();
        double throughput = operations / (period.toNanos() / 1e9);
        return new LoadResult(plan.workload().name(), plan.mode(), period, operations, throughput,
                LatencySummary.of(measured), state.failures(), state.skippedCount(), unfinished);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }
}
