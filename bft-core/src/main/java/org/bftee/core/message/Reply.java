package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/**
 * REPLY(v, t, c, i, r): replica {@code replica}'s result for the request {@code (client, lane, timestamp)},
 * executed in view {@code view}.
 *
 * @param flags  {@link #TENTATIVE} (executed before the request committed: the client needs
 *               {@code 2f + 1} matching replies), {@link #DIGEST_ONLY} ({@code result} is the
 *               {@value Digest#LENGTH}-byte digest of the result; one designated replica sends it in full)
 * @param result the full result, or its digest when {@link #DIGEST_ONLY}
 */
public record Reply(long view, int client, int lane, long timestamp, int replica, int flags, Bytes result)
        implements Message {

    public static final int TENTATIVE = 1;

    public static final int DIGEST_ONLY = 1 << 1;

    /** Every defined flag; other bits are invalid. */
    public static final int FLAGS_KNOWN = TENTATIVE | DIGEST_ONLY;

    public Reply {
        Checks.nonNegative(view, "view");
        Checks.nonNegative(client, "client");
        Checks.nonNegative(lane, "lane");
        Checks.nonNegative(timestamp, "timestamp");
        Checks.nonNegative(replica, "replica");
        Checks.flags(flags, FLAGS_KNOWN, "reply flags");
        Objects.requireNonNull(result, "result");
        if ((flags & DIGEST_ONLY) != 0 && result.length() != Digest.LENGTH) {
            throw new IllegalArgumentException("a DIGEST_ONLY reply carries a " + Digest.LENGTH
                    + "-byte digest, got " + result.length() + " bytes");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.REPLY;
    }

    public boolean isTentative() {
        return (flags & TENTATIVE) != 0;
    }

    public boolean isDigestOnly() {
        return (flags & DIGEST_ONLY) != 0;
    }

    /** The result digest of a {@link #DIGEST_ONLY} reply. */
    public Digest resultDigest() {
        if (!isDigestOnly()) {
            throw new IllegalStateException("not a DIGEST_ONLY reply");
        }
        return Digest.of(result.toByteArray());
    }
}
