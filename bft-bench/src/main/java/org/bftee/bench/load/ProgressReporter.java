package org.bftee.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The thread that prints a line a second while a run goes: elapsed time, phase, operations
 * completed so far, throughput and median latency over the last second. A thread of its own, so
 * that a slow collection (see {@link RunState}) delays only the line.
 */
final class ProgressReporter implements Runnable {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintStream out;
    private final RunState state;
    private final String prefix;
    private final Thread thread;

    ProgressReporter(PrintStream out, RunState state, LoadPlan plan) {
        this.out = out;
        this.state = state;
        this.prefix = plan.workload().name() + " " + plan.mode().name() + " " + plan.mode().load();
        this.thread = new Thread(this, "load-progress");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the lines; waits a moment so that none is printed after the run's result. */
    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(1));
    }

    @Override
    public void run() {
        Histogram lastSecond = new Histogram(RunState.SIGNIFICANT_DIGITS);
        long completed = 0;
        long last = state.runStart();
        try {
            long tick = last;
            while (true) {
                // The next whole second after now: a line that came late is not followed by a burst.
                tick += ((System.nanoTime() - tick) / TICK_NANOS + 1) * TICK_NANOS;
                long remaining;
                while ((remaining = tick - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.sleep(remaining);
                }
                lastSecond.reset();
                state.harvestRecentInto(lastSecond);
                long now = System.nanoTime();
                completed += lastSecond.getTotalCount();
                print(last, now, completed, lastSecond);
                last = now;
            }
        } catch (InterruptedException e) {
            // Stopped: the run is over.
        }
    }

    /** The line for the interval from {@code from} to {@code now}, named by the phase it began in. */
    private void print(long from, long now, long completed, Histogram lastSecond) {
        String median = lastSecond.getTotalCount() == 0 ? "-" : lastSecond.getValueAtPercentile(50) + " us";
        out.println(String.format(Locale.ROOT, "[%s] %6.1fs %-7s %,12d ops %,10.0f ops/s  p50 %s", prefix,
                (now - state.runStart()) / 1e9, state.warmingUp(from) ? "warm-up" : "measure", completed,
                lastSecond.getTotalCount() / ((now - from) / 1e9), median));
    }
}
