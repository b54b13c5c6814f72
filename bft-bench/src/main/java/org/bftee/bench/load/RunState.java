package org.bftee.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the drivers of one run report to its coordinator ({@link LoadRun}), from any thread: the
 * latency of each completed operation into its client's recorder, failures, skips, and the
 * operations in flight. The coordinator moves the phase and harvests the recorders.
 */
final class RunState {

    /** Three significant digits: a latency is known to 0.1%, in microseconds. */
    static final int SIGNIFICANT_DIGITS = 3;

    enum Phase { WARM_UP, MEASURE, DRAIN }

    private volatile Phase phase = Phase.WARM_UP;
    /**
     * One recorder per client, so that clients do not contend on one; a {@link Recorder} takes
     * values from many threads (an open loop's completions) and hands out what it holds without
     * stopping them. Auto-resizing, so a recorder is only as large as the latencies it has seen.
     */
    private final Recorder[] recorders;
    private final Histogram[] recycled;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder skipped = new LongAdder();
    private final AtomicInteger outstanding = new AtomicInteger();

    RunState(int clients) {
        recorders = new Recorder[clients];
        recycled = new Histogram[clients];
        for (int client = 0; client < clients; client++) {
            recorders[client] = new Recorder(SIGNIFICANT_DIGITS);
        }
    }

    /** Whether the drivers should keep sending: until the measured period ends. */
    boolean issuing() {
        return phase != Phase.DRAIN;
    }

    Phase phase() {
        return phase;
    }

    void enter(Phase next) {
        phase = next;
    }

    AtomicInteger outstanding() {
        return outstanding;
    }

    void completed(int client, long latencyNanos) {
        recorders[client].recordValue(Math.max(0, latencyNanos) / 1000);
    }

    /** Counts {@code failure} by its class if it happened in the measured period. */
    void failed(Throwable failure) {
        if (phase == Phase.MEASURE) {
            failures.computeIfAbsent(unwrap(failure).getClass().getName(), name -> new LongAdder()).increment();
        }
    }

    void skipped() {
        if (phase == Phase.MEASURE) {
            skipped.increment();
        }
    }

    /** Moves every latency recorded since the last harvest into {@code interval}. Coordinator only. */
    void harvestInto(Histogram interval) {
        for (int client = 0; client < recorders.length; client++) {
            recycled[client] = recorders[client].getIntervalHistogram(recycled[client]);
            interval.add(recycled[client]);
        }
    }

    Map<String, Long> failures() {
        Map<String, Long> counts = new TreeMap<>();
        failures.forEach((name, count) -> counts.put(name, count.sum()));
        return counts;
    }

    long skippedCount() {
        return skipped.sum();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
