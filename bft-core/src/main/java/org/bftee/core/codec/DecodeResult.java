package org.bftee.core.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.Message;

/** What {@link MessageCodec#decode} made of a frame: a message, or a rejection with its reason. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Rejected {

    /**
     * A well-formed frame. Nothing is authenticated yet: the receiver checks its entry of
     * {@code trailer} against a MAC over the digest of {@code authenticatedRegion}.
     *
     * @param trailer             the frame's tags, or {@code null} for a type authenticated
     *                            otherwise ({@link org.bftee.core.message.MessageType.Authentication#NONE})
     * @param authenticatedRegion header and body, a read-only view of the decoded buffer (not a
     *                            copy): the caller keeps the frame's bytes unchanged until the MAC
     *                            is checked. The message itself shares nothing with the buffer.
     */
    record Decoded(FrameHeader header, Message message, Authenticator trailer, ByteBuffer authenticatedRegion)
            implements DecodeResult {

        public Decoded {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(message, "message");
            authenticatedRegion = authenticatedRegion.asReadOnlyBuffer();
        }

        /** A fresh read-only view over header and body, so that readers never disturb each other's position. */
        @Override
        public ByteBuffer authenticatedRegion() {
            return authenticatedRegion.duplicate();
        }
    }

    /** A frame the codec refused; {@code detail} names the field, for logs. */
    record Rejected(RejectReason reason, String detail) implements DecodeResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
