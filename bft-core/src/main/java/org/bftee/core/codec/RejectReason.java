package org.bftee.core.codec;

/** Why the decoder refused a frame. Each is counted separately by {@link RejectionCounters}. */
public enum RejectReason {
    /** The frame ends inside its header, before its body and trailer are complete, or inside its trailer. */
    TRUNCATED_FRAME,
    /** The first four bytes are not {@link FrameHeader#MAGIC}: not a BFT-EE frame, or the stream lost its framing. */
    BAD_MAGIC,
    /** A version of the format that this codec does not read. */
    UNSUPPORTED_VERSION,
    /** A frame for another replica group (misconfigured peer, or a replay from another group). */
    WRONG_GROUP,
    /** A type tag that names no {@link org.bftee.core.message.MessageType}. */
    UNKNOWN_TYPE,
    /** A declared length (the frame's, the body's or a field's) above its limit. */
    LENGTH_OVER_LIMIT,
    /** A declared element count above its limit. */
    COUNT_OVER_LIMIT,
    /** A declared count or length below zero. */
    NEGATIVE_COUNT,
    /** A declared count or length needs more bytes than remain in the body. */
    NESTED_LENGTH_OVERRUNS_FRAME,
    /** Bytes after the authentication trailer. */
    TRAILING_BYTES,
    /** The body's fields end before or after the declared body length. */
    BODY_LENGTH_MISMATCH,
    /** A trailer whose tag count or tag length does not fit the message type or the tag length bounds. */
    BAD_TRAILER,
    /**
     * A field value that cannot occur: unknown flag bits, an enum byte out of range, a replica or
     * lane id at or above its maximum, a negative sequence number, a non-canonical bitmap.
     */
    INVALID_FIELD
}
