package org.bftee.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When the replicas of a group recover proactively (PROTOCOL.md, "Proactive recovery"): each replica
 * once every {@code period}, replica {@code i} of {@code n} shifted by {@code i/n} of a period, so
 * that recoveries are spread evenly; a recovery that takes longer than {@code bound} raises an
 * alert, because it widens the window of vulnerability. The group file's {@code recovery.period}
 * and {@code recovery.bound}; a period of zero turns proactive recovery off.
 *
 * <p>At most {@code f} replicas may recover at once: recoveries start {@code period / n} apart, so
 * the bound must not exceed {@code f * period / n}. A group of one replica ({@code f = 0}) cannot
 * recover proactively.
 */
public record RecoveryConfig(Duration period, Duration bound) {

    /** Every replica recovers once every ten minutes by default. */
    public static final Duration PERIOD_DEFAULT = Duration.ofMinutes(10);

    /** A recovery is expected to end within a minute by default (state transfer of the changes only). */
    public static final Duration BOUND_DEFAULT = Duration.ofMinutes(1);

    public static final RecoveryConfig OFF = new RecoveryConfig(Duration.ZERO, BOUND_DEFAULT);

    public RecoveryConfig {
        if (period == null || bound == null || period.isNegative() || bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("recovery.period must be zero or positive and recovery.bound positive,"
                    + " got " + period + " and " + bound);
        }
    }

    /** The default for a group tolerating {@code f} faults: on with {@link #PERIOD_DEFAULT}, off for {@code f = 0}. */
    public static RecoveryConfig defaultFor(int f) {
        return f == 0 ? OFF : new RecoveryConfig(PERIOD_DEFAULT, BOUND_DEFAULT);
    }

    public boolean enabled() {
        return !period.isZero();
    }

    /** Every problem with these values for a group of {@code 3f + 1} replicas, each naming the setting. */
    public List<String> problemsFor(int f) {
        List<String> problems = new ArrayList<>();
        if (!enabled()) {
            return problems;
        }
        int n = 3 * f + 1;
        if (f == 0) {
            problems.add("recovery.period must be 0 for a group of one replica (f = 0): it cannot recover while"
                    + " it serves");
        } else if (bound.multipliedBy(n).compareTo(period.multipliedBy(f)) > 0) {
            problems.add("recovery.bound (" + bound + ") exceeds f * recovery.period / n (" + period.multipliedBy(f)
                    .dividedBy(n) + "): more than f = " + f + " of the " + n + " replicas could be recovering at once");
        }
        return problems;
    }

    /** Milliseconds from start to replica {@code replica}'s first recovery: one slot per replica. */
    public long firstRecoveryMillis(int replica, int n) {
        return period.toMillis() + period.toMillis() * replica / n;
    }
}
