package org.bftee.core.sim;

import org.bftee.core.auth.AuthRejectionCounters;
import org.bftee.core.auth.OpenResult;

/**
 * What the simulated network did with the frames it was given. Each frame sent is eventually
 * delivered, dropped for one named cause, or still in flight; duplicates and injected frames add
 * deliveries of their own. Receivers' rejections are counted per reason.
 */
public final class NetworkCounters {

    long sent;
    long delivered;
    long lost;
    long cutByPartition;
    long droppedByFault;
    long toDownHost;
    long duplicated;
    long injected;
    private final AuthRejectionCounters rejected = new AuthRejectionCounters();

    /** Frames handed to the network by hosts, one per receiver. */
    public long sent() {
        return sent;
    }

    /** Frames handed to a receiver (duplicates, replays and injections included). */
    public long delivered() {
        return delivered;
    }

    /** Frames that never reached their receiver, for any of the causes below. */
    public long dropped() {
        return lost + cutByPartition + droppedByFault + toDownHost;
    }

    /** Frames lost by the network conditions' loss probability. */
    public long lost() {
        return lost;
    }

    /** Frames whose link a partition cut when they were sent or due. */
    public long cutByPartition() {
        return cutByPartition;
    }

    /** Frames a {@link FrameFault} did not deliver. */
    public long droppedByFault() {
        return droppedByFault;
    }

    /** Frames addressed to a crashed host or to a principal without a node. */
    public long toDownHost() {
        return toDownHost;
    }

    /** Extra copies the network conditions made. */
    public long duplicated() {
        return duplicated;
    }

    /** Frames injected directly or replayed by a fault, outside the network conditions. */
    public long injected() {
        return injected;
    }

    /** Frames the receivers' openers refused, per reason. */
    public AuthRejectionCounters rejected() {
        return rejected;
    }

    void recordRejected(OpenResult.Rejected rejection) {
        rejected.record(rejection);
    }

    @Override
    public String toString() {
        return "sent " + sent + ", delivered " + delivered + ", lost " + lost + ", cut " + cutByPartition
                + ", dropped by fault " + droppedByFault + ", to down host " + toDownHost + ", duplicated "
                + duplicated + ", injected " + injected + ", rejected " + rejected.total();
    }
}
