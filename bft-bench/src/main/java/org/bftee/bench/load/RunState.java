package org.bftee.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The clock of one run and what its drivers report, from any thread.
 *
 * <p>An operation is measured when it completes within the measured period, judged by its own
 * completion time, not by when anyone collects it: collecting an HdrHistogram {@link Recorder}
 * waits for writers inside a recording, and with more busy clients than cores that wait can last
 * seconds, which would stretch a period collected at its boundaries. So every completion is
 * recorded twice: into its client's measured histogram if it is in the period, and into its
 * client's recorder, which only the progress line collects. Failures and skips are counted by the
 * same rule.
 */
final class RunState {

    /** Three significant digits: a latency is known to 0.1%, in microseconds. */
    static final int SIGNIFICANT_DIGITS = 3;

    private final long runStart;
    private final long warmUpEnd;
    private final long measureEnd;
    /**
     * Per client, so that clients do not contend. Concurrent, because an open loop's completions of
     * one client come from any thread and a client abandoned after the drain may still write; both
     * kinds auto-resize, so each is only as large as the latencies it has seen.
     */
    private final ConcurrentHistogram[] measured;
    private final Recorder[] recent;
    private final Histogram[] recycled;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder skipped = new LongAdder();
    private final AtomicInteger outstanding = new AtomicInteger();

    RunState(int clients, long runStart, LoadPlan plan) {
        this.runStart = runStart;
        this.warmUpEnd = runStart + plan.warmUp().toNanos();
        this.measureEnd = warmUpEnd + plan.measured().toNanos();
        measured = new ConcurrentHistogram[clients];
        recent = new Recorder[clients];
        recycled = new Histogram[clients];
        for (int client = 0; client < clients; client++) {
            measured[client] = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
            recent[client] = new Recorder(SIGNIFICANT_DIGITS);
        }
    }

    long runStart() {
        return runStart;
    }

    long measureEnd() {
        return measureEnd;
    }

    /** Whether the drivers should keep sending: until the measured period ends. */
    boolean issuing() {
        return System.nanoTime() - measureEnd < 0;
    }

    boolean warmingUp(long nanos) {
        return nanos - warmUpEnd < 0;
    }

    private boolean measuring(long nanos) {
        return nanos - warmUpEnd >= 0 && nanos - measureEnd < 0;
    }

    AtomicInteger outstanding() {
        return outstanding;
    }

    /** Records the latency of an operation of {@code client} that completes now, charged from {@code sentNanos}. */
    void completed(int client, long sentNanos) {
        long now = System.nanoTime();
        long micros = Math.max(0, now - sentNanos) / 1000;
        recent[client].recordValue(micros);
        if (measuring(now)) {
            measured[client].recordValue(micros);
        }
    }

    /** Counts {@code failure} by its class if it happens in the measured period. */
    void failed(Throwable failure) {
        if (measuring(System.nanoTime())) {
            failures.computeIfAbsent(unwrap(failure).getClass().getName(), name -> new LongAdder()).increment();
        }
    }

    void skipped() {
        if (measuring(System.nanoTime())) {
            skipped.increment();
        }
    }

    /** Moves every latency recorded since the last call into {@code interval}. The progress thread only. */
    void harvestRecentInto(Histogram interval) {
        for (int client = 0; client < recent.length; client++) {
            recycled[client] = recent[client].getIntervalHistogram(recycled[client]);
            interval.add(recycled[client]);
        }
    }

    /** The latencies of the measured period, all clients merged. After the period. */
    Histogram measured() {
        Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
        for (ConcurrentHistogram client : measured) {
            merged.add(client);
        }
        return merged;
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
