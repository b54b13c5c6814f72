package org.bftee.sample;

import java.util.Arrays;

/**
 * The outcome of a {@link KvLatencyBean} measurement, in microseconds.
 *
 * @param calls      timed rounds (one put and one get each)
 * @param warmup     untimed rounds before them
 * @param valueBytes size of each value put
 * @param put        the puts' latencies
 * @param get        the gets' latencies (read-only requests)
 * @param seconds    how long the whole measurement took, warm-up included
 */
public record KvLatency(int calls, int warmup, int valueBytes, Percentiles put, Percentiles get, double seconds) {

    /** Summary of one kind of call: the median, the 99th percentile, the fastest and the slowest. */
    public record Percentiles(long medianMicros, long p99Micros, long minMicros, long maxMicros) {

        static Percentiles of(long[] micros) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return new Percentiles(percentile(sorted, 0.5), percentile(sorted, 0.99), sorted[0],
                    sorted[sorted.length - 1]);
        }

        /** The nearest-rank percentile: the smallest value with at least {@code fraction} of the values at or below it. */
        private static long percentile(long[] sorted, double fraction) {
            int rank = (int) Math.ceil(fraction * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }

    static KvLatency of(int calls, int warmup, int valueBytes, long[] putMicros, long[] getMicros, double seconds) {
        return new KvLatency(calls, warmup, valueBytes, Percentiles.of(putMicros), Percentiles.of(getMicros), seconds);
    }
}
