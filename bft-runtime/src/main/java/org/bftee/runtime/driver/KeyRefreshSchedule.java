package org.bftee.runtime.driver;

import java.time.Duration;

/**
 * When a principal draws fresh session keys (PROTOCOL.md, "Authentication"): every
 * {@code timeouts.key-refresh}, the first time one period after start plus a phase that spreads
 * the principals over the period.
 *
 * <p>Why stagger: a refresh makes every frame in flight under the old keys fail until the peers
 * have the NEW-KEY. If the whole group refreshed at once, each quorum could lose a message from
 * every replica at the same moment and wait for retransmission; one replica at a time costs each
 * quorum at most one. Replica {@code i} of {@code n} is shifted by {@code i/n} of a period; clients
 * fall half a slot between the replicas, spread by their id, so that they rarely meet a replica's
 * refresh either.
 */
public final class KeyRefreshSchedule {

    private final long periodMillis;
    private final int replicas;

    /**
     * @param period   the group's {@code timeouts.key-refresh}
     * @param replicas the group's {@code n}
     */
    public KeyRefreshSchedule(Duration period, int replicas) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the key refresh period must be positive, got " + period);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("a group has at least one replica, got " + replicas);
        }
        this.periodMillis = period.toMillis();
        this.replicas = replicas;
    }

    public long periodMillis() {
        return periodMillis;
    }

    /** Milliseconds from start to the first refresh of {@code principal} (a replica id or a client id). */
    public long firstRefreshDelayMillis(int principal) {
        long slotMillis = periodMillis / replicas;
        if (principal >= 0 && principal < replicas) {
            return periodMillis + principal * slotMillis;
        }
        return periodMillis + Math.floorMod(principal, replicas) * slotMillis + slotMillis / 2;
    }
}
