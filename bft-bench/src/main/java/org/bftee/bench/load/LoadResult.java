package org.bftee.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What one run measured. An operation counts when it completed within the measured period;
 * {@code throughput} is those operations per second of that period. {@code failures} counts the
 * operations that failed in that period by exception class; {@code skipped} the open-loop
 * operations not sent because {@code outstandingMax} were in flight; {@code unfinished} those still
 * in flight when the drain timeout ran out.
 */
public record LoadResult(String workload, LoadMode mode, Duration measured, long operations, double throughput,
        LatencySummary latencyMicros, Map<String, Long> failures, long skipped, long unfinished) {

    public LoadResult {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        failures = Map.copyOf(failures);
    }

    /** Failed and unfinished operations: every operation sent that did not complete. */
    public long errors() {
        return failures.values().stream().mapToLong(Long::longValue).sum() + unfinished;
    }
}
