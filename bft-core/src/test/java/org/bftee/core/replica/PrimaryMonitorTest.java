package org.bftee.core.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The slow-primary monitor as a table of STATUS ticks (100 ms apart, windows of 400 ms, half the best rate). */
class PrimaryMonitorTest {

    private final PrimaryMonitor monitor = new PrimaryMonitor(400, 0.5);

    /** Ticks every 100 ms from {@code from} to {@code to} with {@code perTick} requests executed each; true if any suspected. */
    private boolean ticks(long from, long to, long view, boolean judging, boolean waiting, long[] executed, long perTick) {
        boolean suspected = false;
        for (long now = from; now <= to; now += 100) {
            executed[0] += perTick;
            suspected |= monitor.onTick(now, view, judging, waiting, executed[0]);
        }
        return suspected;
    }

    @Test
    void aPrimaryFarBelowTheBestRateWhileRequestsWaitIsSuspected() {
        long[] executed = {0};
        assertFalse(ticks(0, 1_000, 0, true, false, executed, 100), "a fast primary is never suspected");
        assertTrue(ticks(1_100, 1_600, 0, true, true, executed, 10), "a tenth of the best rate with requests waiting");
        assertEquals(1, monitor.suspicions());
        assertEquals(1_000, monitor.bestPerSecond(), 1);
    }

    @Test
    void noDemandNoSuspicion() {
        long[] executed = {0};
        ticks(0, 1_000, 0, true, false, executed, 100);
        assertFalse(ticks(1_100, 3_000, 0, true, false, executed, 0), "an idle group replaces no one");
    }

    @Test
    void aWindowWithOneTickWithoutWaitsIsNotJudged() {
        long[] executed = {0};
        ticks(0, 1_000, 0, true, false, executed, 100);
        boolean suspected = false;
        for (long now = 1_100; now <= 3_000; now += 100) {
            executed[0] += 1;
            // Requests wait at every tick but one in each window of four: the demand was not there throughout.
            suspected |= monitor.onTick(now, 0, true, now % 400 != 0, executed[0]);
        }
        assertFalse(suspected);
    }

    @Test
    void aNewViewAndItsInstallationStartAFreshWindow() {
        long[] executed = {0};
        ticks(0, 1_000, 0, true, false, executed, 100);
        // Changing view (not judging), then installed: the slow window of the change itself is not held against the new primary.
        assertFalse(ticks(1_100, 1_500, 1, false, true, executed, 0));
        assertFalse(ticks(1_600, 1_900, 1, true, true, executed, 100));
    }

    @Test
    void theNewPrimaryOrTheOffSwitchNeverSuspects() {
        long[] executed = {0};
        ticks(0, 1_000, 0, false, false, executed, 100);
        assertFalse(ticks(1_100, 3_000, 0, false, true, executed, 0), "the primary does not judge itself");
        PrimaryMonitor off = new PrimaryMonitor(400, 0);
        for (long now = 0; now < 3_000; now += 100) {
            assertFalse(off.onTick(now, 0, true, true, now < 1_000 ? now : 1_000));
        }
    }
}
