package org.bftee.sample;

import java.util.Map;

/**
 * The outcome of a workload run.
 *
 * @param operations     operations the replica group acknowledged
 * @param refused        transfers the ledger refused by its rules (they would overdraw): answers, not failures
 * @param failures       calls that got no answer, by exception class (timeouts, an unreachable group)
 * @param seconds        how long the run took
 * @param latencyMedianMicros median latency of the acknowledged and refused calls
 * @param latencyP99Micros    their 99th percentile
 */
public record WorkloadSummary(long operations, long refused, Map<String, Long> failures, double seconds,
                              long latencyMedianMicros, long latencyP99Micros) {

    public WorkloadSummary {
        failures = Map.copyOf(failures);
    }

    public long failureCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
