package org.bftee.core.auth;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bftee.core.codec.DecodeResult;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.crypto.Verification;
import org.bftee.core.message.MessageType;

/**
 * Turns the frames one principal receives into authenticated messages, or refuses them with a
 * named reason ({@link AuthRejectReason}), counted in {@link #counters()}. Never throws on any
 * input: every frame is peer input (STYLE rule 3).
 *
 * <p>The checks, in order:
 * <ol>
 *   <li>the codec decodes the frame ({@link AuthRejectReason#UNDECODABLE} with the codec's reason);
 *   <li>the header's sender is a principal of the group other than this one;
 *   <li>the trailer has the type's shape in this group: {@code n} entries for an authenticator,
 *       tags of the group's length;
 *   <li>the MAC: this principal's entry of the authenticator, or the single tag, under the
 *       sender's in-key, over the digest of header and body;
 *   <li>the sender may author the message ({@link SenderRules}): only replicas send replica
 *       messages, each only as itself, PRE-PREPARE and NEW-VIEW only from the view's primary, a
 *       client only its own requests.
 * </ol>
 * The MAC is checked before the author rules so that a rule violation is counted only for frames
 * that really come from their sender.
 *
 * <p>REQUEST and NEW-KEY frames carry no MAC: the opener checks only steps 1, 2 and 5, and their
 * sender is not authenticated here. The replica verifies a request's own authenticator or
 * signature, and {@link org.bftee.core.crypto.NewKeyOpener} a NEW-KEY's signature.
 *
 * <p>Allocation per frame: what the codec allocates for the message and trailer, and the
 * {@link Digest}. The digester is reused. Not thread-safe: one opener per receiving principal,
 * used by the thread that owns its session keys.
 */
public final class FrameOpener {

    private final MessageCodec codec;
    private final Authenticators authenticators;
    private final Digester digester;
    private final Principals principals;
    private final int self;
    private final int tagLength;
    private final AuthRejectionCounters counters = new AuthRejectionCounters();

    /**
     * @param authenticators the receiver's MACs; its {@link org.bftee.core.crypto.SessionKeys#self()} is the receiver
     * @param digester       used for every frame, owned by this opener from now on
     */
    public FrameOpener(MessageCodec codec, Authenticators authenticators, Digester digester, Principals principals) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.authenticators = Objects.requireNonNull(authenticators, "authenticators");
        this.digester = Objects.requireNonNull(digester, "digester");
        this.principals = Objects.requireNonNull(principals, "principals");
        this.self = authenticators.keys().self();
        this.tagLength = authenticators.keys().settings().tagLength();
    }

    /** The principal that receives the frames this opener opens. */
    public int self() {
        return self;
    }

    /** The rejections so far, per reason. */
    public AuthRejectionCounters counters() {
        return counters;
    }

    /**
     * Opens the one frame between {@code frame}'s position and limit; does not move the position.
     * A rejection is counted before it is returned.
     */
    public OpenResult open(ByteBuffer frame) {
        OpenResult result = check(frame);
        if (result instanceof OpenResult.Rejected rejected) {
            counters.record(rejected);
        }
        return result;
    }

    private OpenResult check(ByteBuffer frame) {
        DecodeResult decoded = codec.decode(frame);
        if (decoded instanceof DecodeResult.Rejected rejected) {
            return new OpenResult.Rejected(AuthRejectReason.UNDECODABLE, rejected.reason(), rejected.detail());
        }
        DecodeResult.Decoded message = (DecodeResult.Decoded) decoded;
        int sender = message.header().sender();
        if (sender == self || !principals.isKnown(sender)) {
            return rejected(AuthRejectReason.UNKNOWN_SENDER, message.header().type() + " from unknown principal "
                    + sender + (sender == self ? " (the receiver itself)" : ""));
        }
        OpenResult.Rejected unauthentic = verify(sender, message);
        if (unauthentic != null) {
            return unauthentic;
        }
        OpenResult.Rejected wrongAuthor = SenderRules.check(sender, message.message(), principals);
        if (wrongAuthor != null) {
            return wrongAuthor;
        }
        return new OpenResult.Opened(sender, message.message());
    }

    /** {@code null} if the trailer authenticates the frame for this receiver (or the type carries none). */
    private OpenResult.Rejected verify(int sender, DecodeResult.Decoded message) {
        MessageType type = message.header().type();
        Authenticator trailer = message.trailer();
        if (type.authentication() == MessageType.Authentication.NONE) {
            return null;
        }
        int expectedCount = type.authentication() == MessageType.Authentication.MAC ? 1 : principals.n();
        if (trailer.count() != expectedCount || trailer.tagLength() != tagLength) {
            return rejected(AuthRejectReason.WRONG_TRAILER_SHAPE, type + " from " + sender + " carries "
                    + trailer.count() + " tags of " + trailer.tagLength() + " bytes; expected " + expectedCount
                    + " of " + tagLength);
        }
        Digest digest = digester.digest(message.authenticatedRegion());
        Verification verification = type.authentication() == MessageType.Authentication.MAC
                ? authenticators.verifyPointToPoint(sender, digest, trailer)
                : authenticators.verifyMulticast(sender, digest, trailer, principals.n());
        return switch (verification) {
            case OK -> null;
            case NO_KEY -> rejected(AuthRejectReason.MAC_NO_KEY, type + " from " + sender + ": no key for the sender");
            case STALE_KEY -> rejected(AuthRejectReason.MAC_STALE_KEY, type + " from " + sender
                    + ": tag under a retired key");
            case FORGED -> rejected(AuthRejectReason.MAC_FORGED, type + " from " + sender + ": tag does not match");
            case MALFORMED -> rejected(AuthRejectReason.MAC_MALFORMED, type + " from " + sender
                    + ": no entry for receiver " + self);
        };
    }

    private static OpenResult.Rejected rejected(AuthRejectReason reason, String detail) {
        return new OpenResult.Rejected(reason, null, detail);
    }
}
