package org.bftee.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One run: the workload, the mode, a warm-up whose operations are not measured, the measured
 * period, and how long to wait after it for the operations still in flight before counting them as
 * unfinished and closing the targets.
 */
public record LoadPlan(Workload workload, LoadMode mode, Duration warmUp, Duration measured, Duration drainTimeout) {

    /** Ceiling on each period, so that a typo does not start a run that never ends. */
    public static final Duration PERIOD_MAX = Duration.ofHours(24);

    public LoadPlan {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(mode, "mode");
        within("the warm-up", warmUp, Duration.ZERO);
        within("the measured period", measured, Duration.ofMillis(1));
        within("the drain timeout", drainTimeout, Duration.ZERO);
    }

    private static void within(String name, Duration period, Duration min) {
        Objects.requireNonNull(period, name);
        if (period.compareTo(min) < 0 || period.compareTo(PERIOD_MAX) > 0) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + PERIOD_MAX + "], got " + period);
        }
    }
}
