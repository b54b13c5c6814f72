package org.bftee.core.client;

import java.util.Objects;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Quorums;

/**
 * One lane of a client principal: its timestamp sequence and its one outstanding request, with
 * the request's retransmission state and reply certificate. Decisions are {@link ClientCore}'s;
 * this class holds the state and keeps it consistent.
 *
 * <p>Timestamps are strictly increasing per lane and start from the clock:
 * {@code max(last + 1, nowMillis × 1000)}. A client that restarts (and whose clock has not gone
 * back) therefore never reuses a timestamp that replicas have executed and would ignore, as long
 * as a lane issues fewer than 1000 requests per millisecond on average, which one outstanding
 * request per lane makes certain.
 */
final class Lane {

    /** Timestamps per millisecond of the clock. */
    static final long TIMESTAMPS_PER_MILLI = 1000;

    /** The last timestamp before any has been issued. */
    static final long NO_TIMESTAMP = -1;

    private final int index;
    private final ReplyCertificate certificate;
    private long lastTimestamp = NO_TIMESTAMP;

    private boolean busy;
    private Bytes operation;
    private OperationKind kind;
    private boolean fullRepliesFromAll;
    private long retransmitMillis;
    private long deadlineMillis;

    Lane(int index, Quorums quorums) {
        this.index = index;
        this.certificate = new ReplyCertificate(quorums);
    }

    int index() {
        return index;
    }

    /** The last timestamp issued: the outstanding request's while {@link #isBusy()}. */
    long lastTimestamp() {
        return lastTimestamp;
    }

    boolean isBusy() {
        return busy;
    }

    Bytes operation() {
        return operation;
    }

    OperationKind kind() {
        return kind;
    }

    boolean fullRepliesFromAll() {
        return fullRepliesFromAll;
    }

    long retransmitMillis() {
        return retransmitMillis;
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    ReplyCertificate certificate() {
        return certificate;
    }

    /** The request flags of the outstanding request. */
    int flags() {
        return (kind == OperationKind.READ_ONLY ? Request.READ_ONLY : 0)
                | (fullRepliesFromAll ? Request.FULL_REPLIES_FROM_ALL : 0);
    }

    /** Makes {@code operation} the outstanding request under a fresh timestamp. */
    void start(OperationKind requestKind, Bytes requestOperation, long nowMillis, long timeoutMillis) {
        if (busy) {
            throw new IllegalStateException("lane " + index + " is busy");
        }
        busy = true;
        operation = Objects.requireNonNull(requestOperation, "operation");
        begin(requestKind, nowMillis, timeoutMillis);
    }

    /** Re-issues the outstanding read-only operation as a read-write request under a fresh timestamp. */
    void fallBackToReadWrite(long nowMillis, long timeoutMillis) {
        if (!busy || kind != OperationKind.READ_ONLY) {
            throw new IllegalStateException("lane " + index + " has no read-only request to fall back from");
        }
        begin(OperationKind.READ_WRITE, nowMillis, timeoutMillis);
    }

    /** From now on the outstanding request asks every replica for its full result. */
    void requestFullRepliesFromAll() {
        fullRepliesFromAll = true;
    }

    /** Doubles the retransmission timeout up to {@code maxMillis} and moves the deadline. */
    void backOff(long nowMillis, long maxMillis) {
        retransmitMillis = Math.min(maxMillis, retransmitMillis * 2);
        deadlineMillis = nowMillis + retransmitMillis;
    }

    /** The outstanding request is over (result, failure or cancel); the timestamp sequence carries on. */
    void finish() {
        busy = false;
        operation = null;
        kind = null;
        fullRepliesFromAll = false;
        retransmitMillis = 0;
        deadlineMillis = 0;
        certificate.clear();
    }

    private void begin(OperationKind requestKind, long nowMillis, long timeoutMillis) {
        kind = Objects.requireNonNull(requestKind, "kind");
        lastTimestamp = nextTimestamp(nowMillis);
        fullRepliesFromAll = false;
        retransmitMillis = timeoutMillis;
        deadlineMillis = nowMillis + timeoutMillis;
        certificate.clear();
    }

    private long nextTimestamp(long nowMillis) {
        long fromClock = Math.min(Math.max(0, nowMillis), Long.MAX_VALUE / TIMESTAMPS_PER_MILLI) * TIMESTAMPS_PER_MILLI;
        if (lastTimestamp == Long.MAX_VALUE) {
            throw new IllegalStateException("lane " + index + " has used every timestamp");
        }
        return Math.max(lastTimestamp + 1, fromClock);
    }

    /** Always-on consistency checks: a failure is a bug in the core. */
    void checkInvariants(long retransmitMinMillis, long retransmitMaxMillis) {
        certificate.checkInvariants();
        if (busy) {
            if (operation == null || kind == null || lastTimestamp < 0) {
                throw new IllegalStateException("busy lane " + index + " without a complete request");
            }
            if (retransmitMillis < Math.min(retransmitMinMillis, retransmitMaxMillis)
                    || retransmitMillis > retransmitMaxMillis) {
                throw new IllegalStateException("lane " + index + " retransmission timeout " + retransmitMillis
                        + " ms outside [" + retransmitMinMillis + ", " + retransmitMaxMillis + "]");
            }
            if (fullRepliesFromAll && kind == OperationKind.READ_ONLY) {
                throw new IllegalStateException("lane " + index + " asks for full replies on a read-only request");
            }
        } else if (operation != null || kind != null || certificate.voters() != 0 || fullRepliesFromAll) {
            throw new IllegalStateException("idle lane " + index + " holds request state");
        }
    }
}
