package org.bftee.core.client;

import java.util.Arrays;
import org.bftee.core.protocol.Quorums;

/**
 * The view the client believes the group is in, hence the primary it sends requests to.
 *
 * <p>Each reply carries its replica's view. The estimate is the {@code (f + 1)}-th highest view
 * reported, one per replica (its highest): at least one correct replica has reached it, so up to
 * {@code f} faulty replicas claiming a huge view cannot steer requests to a replica of their
 * choosing (libbyz took the view of one reply and noted the median as the robust choice). Views
 * of correct replicas only grow, so the estimate never goes back.
 */
final class ViewEstimate {

    private final Quorums quorums;
    private final long[] reported;
    private final long[] scratch;

    ViewEstimate(Quorums quorums) {
        this.quorums = quorums;
        this.reported = new long[quorums.n()];
        this.scratch = new long[quorums.n()];
    }

    void report(int replica, long view) {
        reported[replica] = Math.max(reported[replica], view);
    }

    long view() {
        System.arraycopy(reported, 0, scratch, 0, reported.length);
        Arrays.sort(scratch);
        return scratch[scratch.length - quorums.weak()];
    }

    int primary() {
        return quorums.primary(view());
    }
}
