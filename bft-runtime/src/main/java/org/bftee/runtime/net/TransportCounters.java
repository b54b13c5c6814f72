package org.bftee.runtime.net;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.bftee.core.codec.RejectReason;

/**
 * What one {@link NettyTransport} has done, for metrics and tests. Every event loop and every writing
 * thread records into the same instance, so the counts are {@link LongAdder}s: cheap to bump from many
 * threads, read as a sum that may be a moment behind.
 */
public final class TransportCounters {

    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder writesDroppedDisconnected = new LongAdder();
    private final LongAdder writesDroppedBufferFull = new LongAdder();
    private final LongAdder connectionsCut = new LongAdder();
    private final LongAdder reconnectAttempts = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder[] framesRejected = new LongAdder[RejectReason.values().length];

    public TransportCounters() {
        for (int i = 0; i < framesRejected.length; i++) {
            framesRejected[i] = new LongAdder();
        }
    }

    void recordFrameIn() {
        framesIn.increment();
    }

    void recordFrameOut() {
        framesOut.increment();
    }

    void recordWriteDroppedDisconnected() {
        writesDroppedDisconnected.increment();
    }

    void recordWriteDroppedBufferFull() {
        writesDroppedBufferFull.increment();
    }

    void recordConnectionCut() {
        connectionsCut.increment();
    }

    void recordConnectionRefused() {
        connectionsRefused.increment();
    }

    /** Accepted connections closed at once because their host was cut off ({@link Admission}). */
    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    void recordReconnectAttempt() {
        reconnectAttempts.increment();
    }

    void recordFrameRejected(RejectReason reason) {
        framesRejected[reason.ordinal()].increment();
    }

    /** Complete frames cut from inbound streams and handed to a {@link FrameSink}. */
    public long framesIn() {
        return framesIn.sum();
    }

    /** Frames accepted for writing on a connection that was up (a write that the socket later fails still counts). */
    public long framesOut() {
        return framesOut.sum();
    }

    /** Writes dropped because the connection was down at the time. */
    public long writesDroppedDisconnected() {
        return writesDroppedDisconnected.sum();
    }

    /** Writes dropped because the connection already held {@link TransportSettings#pendingWriteBytesMax()}. */
    public long writesDroppedBufferFull() {
        return writesDroppedBufferFull.sum();
    }

    /** Connections this side closed: at an invalid frame, or when the owner called {@link CloseableFrameConnection#close(String)}. */
    public long connectionsCut() {
        return connectionsCut.sum();
    }

    /** Connection attempts of dialed connections after their first. */
    public long reconnectAttempts() {
        return reconnectAttempts.sum();
    }

    /** Inbound streams closed at a frame header that was invalid for {@code reason}. */
    public long framesRejected(RejectReason reason) {
        return framesRejected[reason.ordinal()].sum();
    }

    public long framesRejectedTotal() {
        long total = 0;
        for (LongAdder count : framesRejected) {
            total += count.sum();
        }
        return total;
    }

    /** The rejection counts now, every reason included, as an unmodifiable copy. */
    public Map<RejectReason, Long> framesRejectedByReason() {
        Map<RejectReason, Long> snapshot = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            snapshot.put(reason, framesRejected(reason));
        }
        return Collections.unmodifiableMap(snapshot);
    }
}
