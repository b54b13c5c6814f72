package org.bftee.core.sim;

/**
 * How the simulated network treats every frame, drawn from the run's seed: each frame is lost
 * with {@code lossProbability}; otherwise delivered after a delay drawn uniformly from
 * {@code [delayMinMillis, delayMaxMillis]}, which reorders frames whose delays cross; and
 * delivered a second time, with its own delay, with {@code duplicateProbability}.
 */
public record NetworkConditions(double lossProbability, double duplicateProbability, long delayMinMillis,
                                long delayMaxMillis) {

    public NetworkConditions {
        probability(lossProbability, "lossProbability");
        probability(duplicateProbability, "duplicateProbability");
        if (delayMinMillis < 0 || delayMaxMillis < delayMinMillis) {
            throw new IllegalArgumentException("delay bounds [" + delayMinMillis + ", " + delayMaxMillis
                    + "] ms are not an interval of non-negative times");
        }
    }

    /** Every frame arrives, once, after exactly one millisecond: a network that stopped misbehaving. */
    public static NetworkConditions perfect() {
        return new NetworkConditions(0, 0, 1, 1);
    }

    /** No loss or duplication; delays from 1 to {@code delayMaxMillis} reorder frames. */
    public static NetworkConditions reordering(long delayMaxMillis) {
        return new NetworkConditions(0, 0, 1, delayMaxMillis);
    }

    private static void probability(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
