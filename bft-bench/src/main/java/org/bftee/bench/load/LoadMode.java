package org.bftee.bench.load;

/** How the clients send: back to back ({@link ClosedLoop}) or at a fixed rate ({@link OpenLoop}). */
public sealed interface LoadMode {

    /** Targets one run opens at most; a closed-loop client is a thread. */
    int CLIENTS_MAX = 1024;

    /** The mode's name in results: {@code closed} or {@code open}. */
    String name();

    /** How many targets the run opens. */
    int clients();

    /** The load of a point: the client count of a closed loop, the rate of an open one. */
    long load();

    /**
     * {@code clients} clients, each on its own target and thread, each sending its next operation
     * as soon as the previous one completes. Latency runs from the send to the completion.
     */
    record ClosedLoop(int clients) implements LoadMode {

        public ClosedLoop {
            checkClients(clients);
        }

        @Override
        public String name() {
            return "closed";
        }

        @Override
        public long load() {
            return clients;
        }
    }

    /**
     * {@code ratePerSecond} operations a second from one sender thread, spread round-robin over
     * {@code clients} targets. Latency runs from the time the schedule intended to send an operation,
     * not the time it was sent, so that a stalled system is charged for the operations it delayed
     * (no coordinated omission). At most {@code outstandingMax} operations are in flight; one that
     * would exceed it is skipped and counted, not queued.
     */
    record OpenLoop(int ratePerSecond, int clients, int outstandingMax) implements LoadMode {

        /** A rate above one the sender can pace; a parked thread wakes some tens of microseconds late. */
        public static final int RATE_PER_SECOND_MAX = 1_000_000;
        public static final int OUTSTANDING_ABSOLUTE_MAX = 1_000_000;

        public OpenLoop {
            checkClients(clients);
            if (ratePerSecond < 1 || ratePerSecond > RATE_PER_SECOND_MAX) {
                throw new IllegalArgumentException("the rate must be in [1, " + RATE_PER_SECOND_MAX
                        + "] operations a second, got " + ratePerSecond);
            }
            if (outstandingMax < 1 || outstandingMax > OUTSTANDING_ABSOLUTE_MAX) {
                throw new IllegalArgumentException("the outstanding operations limit must be in [1, "
                        + OUTSTANDING_ABSOLUTE_MAX + "], got " + outstandingMax);
            }
        }

        @Override
        public String name() {
            return "open";
        }

        @Override
        public long load() {
            return ratePerSecond;
        }
    }

    private static void checkClients(int clients) {
        if (clients < 1 || clients > CLIENTS_MAX) {
            throw new IllegalArgumentException("clients must be in [1, " + CLIENTS_MAX + "], got " + clients);
        }
    }
}
