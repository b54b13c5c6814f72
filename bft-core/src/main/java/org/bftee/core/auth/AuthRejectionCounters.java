package org.bftee.core.auth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.bftee.core.codec.RejectReason;
import org.bftee.core.codec.RejectionCounters;

/**
 * Counts {@link FrameOpener} rejections per {@link AuthRejectReason} and, for undecodable frames,
 * per codec {@link RejectReason} as well. Single-threaded, like the opener that records into it.
 */
public final class AuthRejectionCounters {

    private final long[] counts = new long[AuthRejectReason.values().length];
    private final RejectionCounters codec = new RejectionCounters();

    public void record(OpenResult.Rejected rejected) {
        counts[rejected.reason().ordinal()]++;
        if (rejected.codecReason() != null) {
            codec.record(rejected.codecReason());
        }
    }

    public long count(AuthRejectReason reason) {
        return counts[reason.ordinal()];
    }

    /** Undecodable frames refused for {@code reason}; they are also counted under {@link AuthRejectReason#UNDECODABLE}. */
    public long count(RejectReason reason) {
        return codec.count(reason);
    }

    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The current counts, every reason included, as an unmodifiable copy. */
    public Map<AuthRejectReason, Long> snapshot() {
        Map<AuthRejectReason, Long> snapshot = new EnumMap<>(AuthRejectReason.class);
        for (AuthRejectReason reason : AuthRejectReason.values()) {
            snapshot.put(reason, counts[reason.ordinal()]);
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /** The codec reasons of undecodable frames, as an unmodifiable copy. */
    public Map<RejectReason, Long> codecSnapshot() {
        return codec.snapshot();
    }
}
