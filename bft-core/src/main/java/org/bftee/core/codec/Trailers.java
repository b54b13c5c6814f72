package org.bftee.core.codec;

import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.MessageType;

/** The rule tying a frame's trailer to its message type, shared by encoder and decoder. */
final class Trailers {

    private Trailers() {
    }

    /** {@code null} if a trailer of {@code count} tags of {@code tagLength} bytes suits {@code type}, else why not. */
    static String problem(MessageType type, int count, int tagLength, WireLimits limits) {
        return switch (type.authentication()) {
            case NONE -> count == 0 && tagLength == 0 ? null
                    : type + " frames carry no tags, got " + count + " x " + tagLength + " bytes";
            case MAC -> count == 1 ? tagLengthProblem(tagLength)
                    : type + " frames carry exactly one tag, got " + count;
            case AUTHENTICATOR -> count >= 1 && count <= limits.replicasMax() ? tagLengthProblem(tagLength)
                    : type + " frames carry 1 to " + limits.replicasMax() + " tags, got " + count;
        };
    }

    private static String tagLengthProblem(int tagLength) {
        return tagLength >= Authenticator.TAG_LENGTH_MIN && tagLength <= Authenticator.TAG_LENGTH_MAX ? null
                : "tag length " + tagLength + " outside [" + Authenticator.TAG_LENGTH_MIN + ", "
                + Authenticator.TAG_LENGTH_MAX + "]";
    }
}
