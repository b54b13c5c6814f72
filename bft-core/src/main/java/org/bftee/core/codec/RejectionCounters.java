package org.bftee.core.codec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts decoder rejections per {@link RejectReason}, for metrics and logs.
 *
 * <p>Single-threaded by contract, like all core state: the owner of a connection or of a replica
 * core records into its own instance, and a metrics reader takes a {@link #snapshot()} on the
 * same thread. The codec itself keeps no counters, so one codec can serve many threads.
 */
public final class RejectionCounters {

    private final long[] counts = new long[RejectReason.values().length];

    public void record(RejectReason reason) {
        counts[reason.ordinal()]++;
    }

    /** Records {@code result}'s reason if it is a rejection; a decoded frame counts nothing. */
    public void record(DecodeResult result) {
        if (result instanceof DecodeResult.Rejected rejected) {
            record(rejected.reason());
        }
    }

    public long count(RejectReason reason) {
        return counts[reason.ordinal()];
    }

    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The current counts, every reason included, as an unmodifiable copy. */
    public Map<RejectReason, Long> snapshot() {
        Map<RejectReason, Long> snapshot = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            snapshot.put(reason, counts[reason.ordinal()]);
        }
        return Collections.unmodifiableMap(snapshot);
    }
}
