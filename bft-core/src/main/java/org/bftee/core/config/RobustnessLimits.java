package org.bftee.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The named bounds of the replica's defences against faulty clients and a slow primary (issue 9,
 * after Clement et al., "Making Byzantine Fault Tolerant Systems Tolerate Byzantine Faults", NSDI 2009).
 *
 * @param clientThrottle              how long a client whose requests caused {@code f + 1} view changes in a
 *                                    row stays unable to cause more at this replica
 * @param primaryThroughputRatioMin   a backup suspects a primary whose throughput over a monitoring window
 *                                    in which requests waited is below this share of the best window seen
 * @param primaryMonitorWindow        the length of that window; a slow primary is replaced within about two
 *                                    of them once requests wait at the backups
 */
public record RobustnessLimits(
        Duration clientThrottle,
        double primaryThroughputRatioMin,
        Duration primaryMonitorWindow) {

    /** How many view-change timeouts a client stays throttled, by default: long against the attack, short against a mistake. */
    public static final int THROTTLE_TIMEOUTS_DEFAULT = 5;

    /**
     * Defaults for a group with {@code timeouts}: a client throttled for five view-change timeouts (10 s with
     * the default timeouts), a primary suspected below half its best throughput over a window of half a
     * view-change timeout, but at least two STATUS periods (the monitor looks at the waits at each STATUS
     * tick): 1 s with the default timeouts, so that a slow primary is gone within about 2 s.
     */
    public static RobustnessLimits defaults(ProtocolTimeouts timeouts) {
        Duration viewChange = timeouts.viewChange();
        Duration window = viewChange.dividedBy(2);
        Duration twoStatus = timeouts.status().multipliedBy(2);
        return new RobustnessLimits(viewChange.multipliedBy(THROTTLE_TIMEOUTS_DEFAULT), 0.5,
                window.compareTo(twoStatus) < 0 ? twoStatus : window);
    }

    public RobustnessLimits {
        Objects.requireNonNull(clientThrottle, "clientThrottle");
        Objects.requireNonNull(primaryMonitorWindow, "primaryMonitorWindow");
        List<String> problems = new ArrayList<>();
        if (clientThrottle.isNegative() || clientThrottle.isZero()) {
            problems.add("clientThrottle must be positive, got " + clientThrottle);
        }
        if (!(primaryThroughputRatioMin >= 0 && primaryThroughputRatioMin < 1)) {
            problems.add("primaryThroughputRatioMin must be in [0, 1), got " + primaryThroughputRatioMin
                    + " (0 turns the slow-primary monitor off)");
        }
        if (primaryMonitorWindow.isNegative() || primaryMonitorWindow.isZero()) {
            problems.add("primaryMonitorWindow must be positive, got " + primaryMonitorWindow);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid robustness limits: " + String.join("; ", problems));
        }
    }
}
