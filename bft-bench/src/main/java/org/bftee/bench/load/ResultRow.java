package org.bftee.bench.load;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One point of a results file: a workload at one load, on a system labelled by the caller (its
 * group size, say {@code n=4}), with the median of {@code runs} repeats. {@code load} is the client
 * count of a closed loop or the rate of an open one.
 */
public record ResultRow(String workload, String label, String mode, long load, int runs, double throughput,
        LatencySummary latencyMicros, long errors, long skipped) {

    public ResultRow {
        requireOneLine(workload, "workload");
        requireOneLine(label, "label");
        requireOneLine(mode, "mode");
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        if (runs < 1) {
            throw new IllegalArgumentException("a row is the median of at least one run, got " + runs);
        }
    }

    /**
     * The row of the repeats of one point: the median of each figure taken apart (the mean of the two
     * middle ones for an even count), and errors and skips summed over the repeats so that a repeat
     * cannot hide them.
     */
    public static ResultRow of(String label, List<LoadResult> repeats) {
        if (repeats.isEmpty()) {
            throw new IllegalArgumentException("a row needs at least one run");
        }
        LoadResult first = repeats.get(0);
        for (LoadResult repeat : repeats) {
            if (!repeat.workload().equals(first.workload()) || !repeat.mode().equals(first.mode())) {
                throw new IllegalArgumentException("the repeats of a point share workload and mode: " + first.workload()
                        + " " + first.mode() + " and " + repeat.workload() + " " + repeat.mode());
            }
        }
        LatencySummary latency = new LatencySummary(
                medianMicros(repeats, r -> r.latencyMicros().p50()), medianMicros(repeats, r -> r.latencyMicros().p90()),
                medianMicros(repeats, r -> r.latencyMicros().p99()), medianMicros(repeats, r -> r.latencyMicros().p999()),
                medianMicros(repeats, r -> r.latencyMicros().max()));
        return new ResultRow(first.workload(), label, first.mode().name(), first.mode().load(), repeats.size(),
                median(repeats, LoadResult::throughput), latency,
                repeats.stream().mapToLong(LoadResult::errors).sum(),
                repeats.stream().mapToLong(LoadResult::skipped).sum());
    }

    private static long medianMicros(List<LoadResult> repeats, ToDoubleFunction<LoadResult> figure) {
        return Math.round(median(repeats, figure));
    }

    private static double median(List<LoadResult> repeats, ToDoubleFunction<LoadResult> figure) {
        double[] sorted = repeats.stream().mapToDouble(figure).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void requireOneLine(String text, String name) {
        Objects.requireNonNull(text, name);
        if (text.isEmpty() || text.contains("\n") || text.contains("\r")) {
            throw new IllegalArgumentException("a " + name + " is one non-empty line, got '" + text + "'");
        }
    }
}
