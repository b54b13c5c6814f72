package org.bftee.bench.load;

/** Sends the operations of one run, in one mode, reporting to the run's {@link RunState}. */
interface LoadDriver {

    /** Starts sending; the driver stops by itself once the state leaves the measured period. */
    void start();

    /**
     * Waits until the driver has stopped sending and nothing is in flight, or until {@code
     * deadlineNanos} ({@link System#nanoTime()}), whichever comes first.
     */
    void awaitQuiet(long deadlineNanos) throws InterruptedException;

    /** Interrupts whatever still waits; the operations in flight stay unfinished. */
    void abandon();
}
