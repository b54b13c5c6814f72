package org.bftee.core.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Bytes;

/**
 * Reads a body field by field from peer input, without ever throwing: the first problem is
 * recorded as the rejection and every later read returns a harmless default (zero, empty,
 * {@link Digest#ZERO}) without touching the buffer. Body readers therefore read straight through
 * and check {@link #failed()} only before they build a record, whose constructor could otherwise
 * see values it would refuse.
 *
 * <p>Every length and count is checked against its limit and then against the bytes that remain
 * before anything is allocated for it.
 */
final class WireReader {

    private final ByteBuffer in;
    private final WireLimits limits;
    private RejectReason reason;
    private String detail;

    /** {@code body} holds exactly the body, big-endian, from its position to its limit. */
    WireReader(ByteBuffer body, WireLimits limits) {
        this.in = body;
        this.limits = limits;
    }

    WireLimits limits() {
        return limits;
    }

    boolean failed() {
        return reason != null;
    }

    int remaining() {
        return in.remaining();
    }

    DecodeResult.Rejected rejection() {
        return new DecodeResult.Rejected(reason, detail);
    }

    /** Records a problem; only the first counts, since later ones follow from it. */
    void fail(RejectReason why, String what) {
        if (reason == null) {
            reason = why;
            detail = what;
        }
    }

    /** Whether {@code bytes} more bytes of fixed-size field {@code field} are there. */
    private boolean has(int bytes, String field) {
        if (failed()) {
            return false;
        }
        if (in.remaining() < bytes) {
            fail(RejectReason.BODY_LENGTH_MISMATCH, "body ends inside " + field);
            return false;
        }
        return true;
    }

    int u8(String field) {
        return has(WireSizes.U8, field) ? Byte.toUnsignedInt(in.get()) : 0;
    }

    int int32(String field) {
        return has(WireSizes.INT, field) ? in.getInt() : 0;
    }

    long int64(String field) {
        return has(WireSizes.LONG, field) ? in.getLong() : 0;
    }

    /** A flags byte with no bits outside {@code known}. */
    int flags(String field, int known) {
        int flags = u8(field);
        if ((flags & ~known) != 0) {
            fail(RejectReason.INVALID_FIELD, field + " has unknown bits 0x" + Integer.toHexString(flags & ~known));
            return 0;
        }
        return flags;
    }

    /** A sequence number, view, timestamp, index or counter: never negative. */
    long nonNegativeLong(String field) {
        long value = int64(field);
        if (value < 0) {
            fail(RejectReason.INVALID_FIELD, field + " is negative: " + value);
            return 0;
        }
        return value;
    }

    /** Like {@link #nonNegativeLong}, or {@code -1} for an absent value. */
    long nonNegativeLongOrNone(String field) {
        long value = int64(field);
        if (value < -1) {
            fail(RejectReason.INVALID_FIELD, field + " is below -1: " + value);
            return 0;
        }
        return value;
    }

    /** A principal id (a client): never negative. */
    int principal(String field) {
        int value = int32(field);
        if (value < 0) {
            fail(RejectReason.INVALID_FIELD, field + " is negative: " + value);
            return 0;
        }
        return value;
    }

    /** An id in {@code [0, max)}: a replica, a lane, a partition level. */
    int below(String field, int max) {
        int value = int32(field);
        if (value < 0 || value >= max) {
            fail(RejectReason.INVALID_FIELD, field + " " + value + " outside [0, " + max + ")");
            return 0;
        }
        return value;
    }

    int replica(String field) {
        return below(field, limits.replicasMax());
    }

    /** A replica id, or {@code -1} for none. */
    int replicaOrNone(String field) {
        int value = int32(field);
        if (value < -1 || value >= limits.replicasMax()) {
            fail(RejectReason.INVALID_FIELD, field + " " + value + " outside [-1, " + limits.replicasMax() + ")");
            return 0;
        }
        return value;
    }

    Digest digest(String field) {
        return has(Digest.LENGTH, field) ? Digest.read(in) : Digest.ZERO;
    }

    /**
     * A count of elements that each take at least {@code elementBytesMin} bytes, checked against
     * {@code max} and against the bytes that remain, so that a list can be sized from it.
     */
    int count(String field, int max, int elementBytesMin) {
        int count = int32(field);
        if (failed()) {
            return 0;
        }
        if (count < 0) {
            fail(RejectReason.NEGATIVE_COUNT, field + " count " + count);
            return 0;
        }
        if (count > max) {
            fail(RejectReason.COUNT_OVER_LIMIT, field + " count " + count + " above " + max);
            return 0;
        }
        if ((long) count * elementBytesMin > in.remaining()) {
            fail(RejectReason.NESTED_LENGTH_OVERRUNS_FRAME, field + " count " + count + " needs at least "
                    + (long) count * elementBytesMin + " bytes, " + in.remaining() + " remain");
            return 0;
        }
        return count;
    }

    /** A list of at most {@code max} elements; stops at the first failure (check {@link #failed()}). */
    <T> List<T> list(String field, int max, int elementBytesMin, Function<WireReader, T> element) {
        int count = count(field, max, elementBytesMin);
        List<T> list = new ArrayList<>(count);
        for (int i = 0; i < count && !failed(); i++) {
            T value = element.apply(this);
            if (value != null) {
                list.add(value);
            }
        }
        return list;
    }

    /** The checked length of a byte string field, or {@code -1} after a failure. */
    private int length(String field, int max) {
        int length = int32(field);
        if (failed()) {
            return -1;
        }
        if (length < 0) {
            fail(RejectReason.NEGATIVE_COUNT, field + " length " + length);
            return -1;
        }
        if (length > max) {
            fail(RejectReason.LENGTH_OVER_LIMIT, field + " length " + length + " above " + max);
            return -1;
        }
        if (length > in.remaining()) {
            fail(RejectReason.NESTED_LENGTH_OVERRUNS_FRAME, field + " length " + length + ", "
                    + in.remaining() + " bytes remain");
            return -1;
        }
        return length;
    }

    /** A length-prefixed byte string of at most {@code max} bytes. */
    Bytes bytes(String field, int max) {
        int length = length(field, max);
        return length < 0 ? Bytes.EMPTY : Bytes.read(in, length);
    }

    /** A bitmap of at most {@code maxBits} bits, canonically packed. */
    Bitmap bitmap(String field, int maxBits) {
        int size = int32(field);
        if (failed()) {
            return Bitmap.EMPTY;
        }
        if (size < 0) {
            fail(RejectReason.NEGATIVE_COUNT, field + " size " + size);
            return Bitmap.EMPTY;
        }
        if (size > maxBits) {
            fail(RejectReason.COUNT_OVER_LIMIT, field + " size " + size + " above " + maxBits);
            return Bitmap.EMPTY;
        }
        int packedLength = Bitmap.packedLength(size);
        if (packedLength > in.remaining()) {
            fail(RejectReason.NESTED_LENGTH_OVERRUNS_FRAME, field + " of " + size + " bits, "
                    + in.remaining() + " bytes remain");
            return Bitmap.EMPTY;
        }
        byte[] packed = new byte[packedLength];
        in.get(packed);
        if (!Bitmap.isCanonical(size, packed)) {
            fail(RejectReason.INVALID_FIELD, field + " has bits set at or above its size " + size);
            return Bitmap.EMPTY;
        }
        return Bitmap.fromPacked(size, packed);
    }

    /**
     * An authenticator inside a body (a request's): tag count, tag length, tags. It has at least
     * one tag and at most one per replica.
     */
    Authenticator authenticator(String field) {
        int count = u8(field + " tag count");
        int tagLength = u8(field + " tag length");
        if (failed()) {
            return null;
        }
        if (count == 0) {
            fail(RejectReason.INVALID_FIELD, field + " has no tags");
            return null;
        }
        if (count > limits.replicasMax()) {
            fail(RejectReason.COUNT_OVER_LIMIT, field + " has " + count + " tags, above " + limits.replicasMax());
            return null;
        }
        if (tagLength < Authenticator.TAG_LENGTH_MIN || tagLength > Authenticator.TAG_LENGTH_MAX) {
            fail(RejectReason.INVALID_FIELD, field + " tag length " + tagLength);
            return null;
        }
        if (count * tagLength > in.remaining()) {
            fail(RejectReason.NESTED_LENGTH_OVERRUNS_FRAME, field + " of " + count + " x " + tagLength
                    + " bytes, " + in.remaining() + " remain");
            return null;
        }
        return Authenticator.read(in, count, tagLength);
    }
}
