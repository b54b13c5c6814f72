package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Authenticator;

/**
 * REQUEST(o, t, c): client {@code client} asks, on one of its lanes, for operation {@code operation}
 * with timestamp {@code timestamp}; timestamps grow per {@code (client, lane)}, which gives
 * exactly-once execution per lane.
 *
 * <p>The request's own authentication travels inside it, because the request is embedded in
 * pre-prepares and forwarded by backups: either the client's {@code authenticator} (one MAC per
 * replica) or, for a request flagged {@link #SIGNED} (a recovering replica's RECOVERY request), a
 * {@code signature}. Exactly one of the two is present. The request digest covers neither
 * (see the codec's request digest input).
 *
 * @param client        the client principal
 * @param lane          the lane of that principal: each lane has its own timestamps and reply cache entry
 * @param timestamp     the lane's request timestamp
 * @param flags         {@link #READ_ONLY}, {@link #FULL_REPLIES_FROM_ALL}, {@link #SIGNED}
 * @param operation     the operation, opaque to the library
 * @param authenticator the client's MACs, one per replica; {@code null} exactly when {@link #SIGNED}
 * @param signature     the principal's signature; empty exactly when not {@link #SIGNED}
 */
public record Request(int client, int lane, long timestamp, int flags, Bytes operation, Authenticator authenticator,
                      Bytes signature) implements Message {

    /** A read-only operation: executed at once on the tentative state, without ordering. */
    public static final int READ_ONLY = 1;

    /** Every replica sends the full result, none a digest (the client's fallback after a digest mismatch). */
    public static final int FULL_REPLIES_FROM_ALL = 1 << 1;

    /** Authenticated by {@link #signature()} instead of an authenticator. */
    public static final int SIGNED = 1 << 2;

    /** Every defined flag; other bits are invalid. */
    public static final int FLAGS_KNOWN = READ_ONLY | FULL_REPLIES_FROM_ALL | SIGNED;

    public Request {
        Checks.nonNegative(client, "client");
        Checks.nonNegative(lane, "lane");
        Checks.nonNegative(timestamp, "timestamp");
        Checks.flags(flags, FLAGS_KNOWN, "request flags");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(signature, "signature");
        if ((flags & SIGNED) != 0) {
            if (authenticator != null || signature.isEmpty()) {
                throw new IllegalArgumentException("a SIGNED request has a signature and no authenticator");
            }
        } else if (authenticator == null || !signature.isEmpty()) {
            throw new IllegalArgumentException("a request that is not SIGNED has an authenticator and no signature");
        }
    }

    /** A request authenticated by its client's MACs. */
    public Request(int client, int lane, long timestamp, int flags, Bytes operation, Authenticator authenticator) {
        this(client, lane, timestamp, flags, operation, authenticator, Bytes.EMPTY);
    }

    @Override
    public MessageType type() {
        return MessageType.REQUEST;
    }

    public boolean isReadOnly() {
        return (flags & READ_ONLY) != 0;
    }

    public boolean isFullRepliesFromAll() {
        return (flags & FULL_REPLIES_FROM_ALL) != 0;
    }

    public boolean isSigned() {
        return (flags & SIGNED) != 0;
    }
}
