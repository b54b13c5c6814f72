package org.bftee.bench.load;

import java.io.PrintStream;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * The once-a-second line on standard error while a run goes: elapsed time, phase, operations
 * completed so far, throughput and median latency over the last second.
 */
final class ProgressLine {

    private final PrintStream out;
    private final String prefix;
    private long completed;
    private long lastElapsedNanos;

    ProgressLine(PrintStream out, LoadPlan plan) {
        this.out = out;
        this.prefix = plan.workload().name() + " " + plan.mode().name() + " " + plan.mode().load();
    }

    /** Prints the line for the tick at {@code elapsedNanos} after the run's start. */
    void print(long elapsedNanos, RunState.Phase phase, Histogram lastSecond) {
        completed += lastSecond.getTotalCount();
        double seconds = (elapsedNanos - lastElapsedNanos) / 1e9;
        lastElapsedNanos = elapsedNanos;
        String median = lastSecond.getTotalCount() == 0 ? "-" : lastSecond.getValueAtPercentile(50) + " us";
        out.println(String.format(Locale.ROOT, "[%s] %6.1fs %-7s %,12d ops %,10.0f ops/s  p50 %s", prefix,
                elapsedNanos / 1e9, phase == RunState.Phase.WARM_UP ? "warm-up" : "measure", completed,
                lastSecond.getTotalCount() / seconds, median));
    }
}
