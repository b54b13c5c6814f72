package org.bftee.core.replica;

/**
 * Detects a primary that is correct in form but slow: expected-throughput monitoring, as Aardvark
 * does (Clement et al., NSDI 2009, section 4.3).
 *
 * <p>Why it exists: the view-change timer only catches a primary that orders nothing. Progress
 * restarts it, so a primary that holds each pre-prepare back for just under the view-change timeout
 * keeps every request completing, the throughput near zero, and itself in office for good.
 *
 * <p>How: every replica cuts time into windows of {@code primaryMonitorWindow} at its STATUS ticks and
 * counts the requests executed in each; the best rate of any finished window, in any view, is what
 * the group has shown it can do. A backup whose requests waited at every tick of a window of the current
 * view (clients retransmitted to it: the demand is there) while nothing the primary had proposed was
 * still waiting for votes (the next sequence number to commit had no pre-prepare: the requests waited
 * for the primary, not for a slow quorum), and that saw fewer than
 * {@code primaryThroughputRatioMin} of the best rate executed suspects the primary and moves to the next
 * view, as if its view-change timer had expired. A window needs demand throughout, so an idle group or
 * a client that merely stopped sending never replaces anyone; a window is cut short by every view
 * change and by the installation of a view, so a new primary gets a full window. Bound: once requests wait at {@code f + 1} backups, a
 * slow primary is replaced within two windows and the view change itself.
 */
final class PrimaryMonitor {

    private final long windowMillis;
    private final double ratioMin;
    private long windowStartMillis = -1;
    private long executedAtStart;
    private long viewAtStart = -1;
    private boolean judgingAtStart;
    private boolean demandThroughout;
    /** The best rate of any finished window, in requests per millisecond. */
    private double bestRate;
    private long suspicions;
    private double lastRate;

    PrimaryMonitor(long windowMillis, double ratioMin) {
        this.windowMillis = windowMillis;
        this.ratioMin = ratioMin;
    }

    /**
     * A STATUS tick: true if this backup should leave the view now.
     *
     * @param judging  whether this replica is a backup in an installed view
     * @param waiting  whether it waits for requests it knows of while the primary owes the next pre-prepare
     * @param executed requests it has executed so far
     */
    boolean onTick(long nowMillis, long view, boolean judging, boolean waiting, long executed) {
        if (ratioMin <= 0) {
            return false;
        }
        if (windowStartMillis < 0 || view != viewAtStart || judging != judgingAtStart) {
            startWindow(nowMillis, view, judging, executed);
            return false;
        }
        demandThroughout &= waiting;
        long elapsed = nowMillis - windowStartMillis;
        if (elapsed < windowMillis) {
            return false;
        }
        double rate = (executed - executedAtStart) / (double) elapsed;
        lastRate = rate;
        boolean slow = judging && demandThroughout && rate < ratioMin * bestRate;
        bestRate = Math.max(bestRate, rate);
        startWindow(nowMillis, view, judging, executed);
        if (slow) {
            suspicions++;
        }
        return slow;
    }

    private void startWindow(long nowMillis, long view, boolean judging, long executed) {
        windowStartMillis = nowMillis;
        viewAtStart = view;
        judgingAtStart = judging;
        executedAtStart = executed;
        demandThroughout = true;
    }

    /** The best rate seen, in requests per second. */
    double bestPerSecond() {
        return bestRate * 1000;
    }

    /** The rate of the last finished window, in requests per second. */
    double lastPerSecond() {
        return lastRate * 1000;
    }

    long suspicions() {
        return suspicions;
    }
}
