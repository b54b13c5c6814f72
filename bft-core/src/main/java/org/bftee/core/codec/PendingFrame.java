package org.bftee.core.codec;

import java.nio.ByteBuffer;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.MessageType;

/**
 * An encoded header and body waiting for its trailer: the sender computes the MACs over the
 * digest of {@link #authenticatedRegion()} and then {@link #complete completes} the frame.
 * Immutable; can be completed more than once (a retransmission under refreshed keys).
 */
public final class PendingFrame {

    private final MessageType type;
    private final byte[] headerAndBody;
    private final WireLimits limits;

    PendingFrame(MessageType type, byte[] headerAndBody, WireLimits limits) {
        this.type = type;
        this.headerAndBody = headerAndBody;
        this.limits = limits;
    }

    public MessageType type() {
        return type;
    }

    /** Header and body, read-only, exactly the bytes a receiver finds in its decoded region. */
    public ByteBuffer authenticatedRegion() {
        return ByteBuffer.wrap(headerAndBody).asReadOnlyBuffer();
    }

    /**
     * The whole frame, positioned at zero, in a fresh buffer the caller owns.
     *
     * @param trailer the tags, or {@code null} for a type authenticated otherwise (REQUEST, NEW-KEY)
     * @throws IllegalArgumentException if the trailer does not suit the type (see
     *                                  {@link MessageType.Authentication}) or the frame would exceed its limit
     */
    public ByteBuffer complete(Authenticator trailer) {
        int count = trailer == null ? 0 : trailer.count();
        int tagLength = trailer == null ? 0 : trailer.tagLength();
        String problem = Trailers.problem(type, count, tagLength, limits);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long frameBytes = (long) headerAndBody.length + FrameHeader.TRAILER_PREFIX
                + (trailer == null ? 0 : trailer.size());
        if (frameBytes > limits.frameBytesMax()) {
            throw new IllegalArgumentException("frame of " + frameBytes + " bytes above frameBytesMax ("
                    + limits.frameBytesMax() + ")");
        }
        ByteBuffer frame = ByteBuffer.allocate((int) frameBytes);
        frame.put(headerAndBody);
        frame.put((byte) count);
        frame.put((byte) tagLength);
        if (trailer != null) {
            trailer.writeTo(frame);
        }
        return frame.flip();
    }
}
