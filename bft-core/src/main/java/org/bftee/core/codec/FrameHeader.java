package org.bftee.core.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.bftee.core.message.MessageType;

/**
 * The fixed header of every frame, {@value #LENGTH} bytes, big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     4  magic        {@link #MAGIC}, "BFTE"
 *      4     1  version      {@link #VERSION}
 *      5     1  type tag     {@link MessageType#tag()}
 *      6     4  group id     the replica group the frame belongs to
 *     10     4  sender       principal id of the frame's author (replica or client), &ge; 0
 *     14     4  body length  bytes of body that follow the header
 * </pre>
 *
 * The body follows, then the authentication trailer (see {@link MessageCodec}).
 */
public record FrameHeader(int version, MessageType type, int groupId, int sender, int bodyLength) {

    public static final int MAGIC = 0x42465445;
    public static final int VERSION = 1;
    public static final int LENGTH = 18;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int TYPE_OFFSET = 5;
    static final int GROUP_OFFSET = 6;
    static final int SENDER_OFFSET = 10;
    static final int BODY_LENGTH_OFFSET = 14;

    /** Tag count and tag length: the part of the trailer that is always present. */
    static final int TRAILER_PREFIX = 2;

    public FrameHeader {
        Objects.requireNonNull(type, "type");
    }

    /**
     * The total length of the frame that starts at {@code buffer}'s position, for a transport that
     * cuts a byte stream into frames; reads without moving the position.
     *
     * <p>The length is known once the header, the body and the trailer's two count bytes are
     * there; until then the answer says how many bytes to wait for. Magic, version and the body
     * length are checked against {@code limits} as soon as the header is there, so that garbage or
     * an oversized frame is refused before its bytes are awaited or buffered.
     */
    /**
     * The sender the header of the frame at {@code frame}'s position claims, or -1 if the header is
     * not all there. Unauthenticated: only for choosing whom to answer about a frame that failed.
     */
    public static int peekSender(ByteBuffer frame) {
        return frame.remaining() >= LENGTH ? frame.getInt(frame.position() + SENDER_OFFSET) : -1;
    }

    public static FrameLength peekFrameLength(ByteBuffer buffer, WireLimits limits) {
        ByteBuffer in = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        int start = in.position();
        int available = in.remaining();
        if (available < LENGTH) {
            return new FrameLength.Incomplete(LENGTH);
        }
        if (in.getInt(start + MAGIC_OFFSET) != MAGIC) {
            return new FrameLength.Invalid(RejectReason.BAD_MAGIC, "not a BFT-EE frame");
        }
        int version = Byte.toUnsignedInt(in.get(start + VERSION_OFFSET));
        if (version != VERSION) {
            return new FrameLength.Invalid(RejectReason.UNSUPPORTED_VERSION, "version " + version);
        }
        int bodyLength = in.getInt(start + BODY_LENGTH_OFFSET);
        RejectReason bodyProblem = checkBodyLength(bodyLength, limits);
        if (bodyProblem != null) {
            return new FrameLength.Invalid(bodyProblem, "body length " + bodyLength);
        }
        int trailerStart = LENGTH + bodyLength;
        if (available < trailerStart + TRAILER_PREFIX) {
            return new FrameLength.Incomplete(trailerStart + TRAILER_PREFIX);
        }
        int tagCount = Byte.toUnsignedInt(in.get(start + trailerStart));
        int tagLength = Byte.toUnsignedInt(in.get(start + trailerStart + 1));
        long frameBytes = (long) trailerStart + TRAILER_PREFIX + (long) tagCount * tagLength;
        if (frameBytes > limits.frameBytesMax()) {
            return new FrameLength.Invalid(RejectReason.LENGTH_OVER_LIMIT, "frame of " + frameBytes + " bytes");
        }
        return new FrameLength.Complete((int) frameBytes);
    }

    /**
     * {@code null} if a body of {@code bodyLength} bytes can fit in a frame, else the reason.
     * Checked before the body's bytes are awaited, so a declared length never grows a buffer past the limit.
     */
    static RejectReason checkBodyLength(int bodyLength, WireLimits limits) {
        if (bodyLength < 0) {
            return RejectReason.NEGATIVE_COUNT;
        }
        if (bodyLength > limits.frameBytesMax() - LENGTH - TRAILER_PREFIX) {
            return RejectReason.LENGTH_OVER_LIMIT;
        }
        return null;
    }
}
