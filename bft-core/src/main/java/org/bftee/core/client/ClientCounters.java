package org.bftee.core.client;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one {@link ClientCore} did and dropped, for metrics and logs. Single-threaded like the
 * core: read it on the core's owner thread. Only the core increments.
 */
public final class ClientCounters {

    private final long[] drops = new long[ClientDropReason.values().length];
    private long requestsStarted;
    private long refusedTooLarge;
    private long retransmissions;
    private long fullRepliesRequested;
    private long readOnlyFallbacks;
    private long results;
    private long conflicts;
    private long cancellations;

    void countDrop(ClientDropReason reason) {
        drops[reason.ordinal()]++;
    }

    void countRequestStarted() {
        requestsStarted++;
    }

    void countRefusedTooLarge() {
        refusedTooLarge++;
    }

    void countRetransmission() {
        retransmissions++;
    }

    private long repliersSuspected;

    /** A designated replier did not deliver the full result: for a while it is designated no more. */
    void countReplierSuspected() {
        repliersSuspected++;
    }

    /** Times a designated replier failed to deliver a full result and was passed over for a while. */
    public long repliersSuspected() {
        return repliersSuspected;
    }

    void countFullRepliesRequest() {
        fullRepliesRequested++;
    }

    void countReadOnlyFallback() {
        readOnlyFallbacks++;
    }

    void countResult() {
        results++;
    }

    void countConflict() {
        conflicts++;
    }

    void countCancellation() {
        cancellations++;
    }

    public long drops(ClientDropReason reason) {
        return drops[reason.ordinal()];
    }

    public long dropsTotal() {
        long total = 0;
        for (long count : drops) {
            total += count;
        }
        return total;
    }

    /** Every drop reason with its count, as an unmodifiable copy. */
    public Map<ClientDropReason, Long> dropSnapshot() {
        Map<ClientDropReason, Long> snapshot = new EnumMap<>(ClientDropReason.class);
        for (ClientDropReason reason : ClientDropReason.values()) {
            snapshot.put(reason, drops[reason.ordinal()]);
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /** Invocations that sent a request (read-only fallbacks not included). */
    public long requestsStarted() {
        return requestsStarted;
    }

    public long refusedTooLarge() {
        return refusedTooLarge;
    }

    /** Retransmissions on timer expiry. */
    public long retransmissions() {
        return retransmissions;
    }

    /** Requests re-sent with {@code FULL_REPLIES_FROM_ALL} after a digest certificate without its full result. */
    public long fullRepliesRequested() {
        return fullRepliesRequested;
    }

    /** Read-only requests re-issued as read-write ones. */
    public long readOnlyFallbacks() {
        return readOnlyFallbacks;
    }

    public long results() {
        return results;
    }

    public long conflicts() {
        return conflicts;
    }

    public long cancellations() {
        return cancellations;
    }
}
