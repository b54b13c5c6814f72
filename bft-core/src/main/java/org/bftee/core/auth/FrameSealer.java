package org.bftee.core.auth;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.PendingFrame;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;

/**
 * Turns one principal's outbound messages into authenticated frames. The trailer follows the
 * message type ({@link MessageType.Authentication}), whatever the route:
 *
 * <ul>
 *   <li>{@code NONE} (REQUEST, NEW-KEY): no trailer; a request carries its authenticator inside,
 *       a NEW-KEY its signature.
 *   <li>{@code MAC} (REPLY, VIEW-CHANGE-ACK, REPLY-STABLE, META-DATA, META-DATA-DIGEST, DATA): one tag
 *       for the receiver. These answer one principal; multicasting one is a bug and throws.
 *   <li>{@code AUTHENTICATOR} (everything else): {@code n} entries, entry {@code i} for replica
 *       {@code i}, over the digest of header and body. A multicast fills every entry but the
 *       sender's own. Sent to a single replica (a retransmission), only that replica's entry is
 *       computed and the others are left zero: the receiver checks nothing else, and it saves
 *       {@code n - 1} MACs.
 * </ul>
 *
 * <p>Allocation per frame: the header-and-body array of {@link MessageCodec#encodeForAuthentication},
 * the {@link Digest}, the tag array (for a single-replica authenticator also the one tag it
 * copies from), and the returned frame buffer. The digester is reused for every frame. Not thread-safe: one sealer per principal, used by the thread that owns its
 * session keys.
 */
public final class FrameSealer {

    private final MessageCodec codec;
    private final Authenticators authenticators;
    private final Digester digester;
    private final Principals principals;
    private final int self;

    /**
     * @param authenticators the sender's MACs; its {@link org.bftee.core.crypto.SessionKeys#self()} is the frames' sender
     * @param digester       used for every frame, owned by this sealer from now on
     */
    public FrameSealer(MessageCodec codec, Authenticators authenticators, Digester digester, Principals principals) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.authenticators = Objects.requireNonNull(authenticators, "authenticators");
        this.digester = Objects.requireNonNull(digester, "digester");
        this.principals = Objects.requireNonNull(principals, "principals");
        this.self = authenticators.keys().self();
    }

    /** The principal whose frames this sealer makes. */
    public int self() {
        return self;
    }

    /**
     * The frame carrying {@code message} to {@code receiver} alone, positioned at zero, owned by the caller.
     *
     * @throws IllegalArgumentException if {@code receiver} is this principal, or an authenticator-type
     *                                  message is addressed to a principal that is not a replica: bugs in the caller
     */
    public ByteBuffer seal(int receiver, Message message) {
        if (receiver == self) {
            throw new IllegalArgumentException("principal " + self + " sends " + message.type() + " to itself");
        }
        return switch (message.type().authentication()) {
            case NONE -> codec.encode(self, message, null);
            case MAC -> {
                PendingFrame pending = codec.encodeForAuthentication(self, message);
                yield pending.complete(authenticators.pointToPoint(digestOf(pending), receiver));
            }
            case AUTHENTICATOR -> {
                if (!principals.isReplica(receiver)) {
                    throw new IllegalArgumentException(message.type() + " is for replicas; " + receiver + " is not one");
                }
                PendingFrame pending = codec.encodeForAuthentication(self, message);
                yield pending.complete(singleEntry(authenticators.pointToPoint(digestOf(pending), receiver), receiver));
            }
        };
    }

    /**
     * The one frame that carries {@code message} to every replica (but this one, if it is a
     * replica), positioned at zero. The caller sends the same bytes to each receiver.
     *
     * @throws IllegalArgumentException if the type is point-to-point ({@link MessageType.Authentication#MAC})
     */
    public ByteBuffer sealMulticast(Message message) {
        return switch (message.type().authentication()) {
            case NONE -> codec.encode(self, message, null);
            case MAC -> throw new IllegalArgumentException(message.type() + " is point-to-point and cannot be multicast");
            case AUTHENTICATOR -> {
                PendingFrame pending = codec.encodeForAuthentication(self, message);
                yield pending.complete(authenticators.multicast(digestOf(pending), principals.n()));
            }
        };
    }

    private Digest digestOf(PendingFrame pending) {
        return digester.digest(pending.authenticatedRegion());
    }

    /** An {@code n}-entry authenticator holding {@code tag}'s only entry at {@code receiver}, zeros elsewhere. */
    private Authenticator singleEntry(Authenticator tag, int receiver) {
        int tagLength = tag.tagLength();
        byte[] tags = new byte[principals.n() * tagLength];
        System.arraycopy(tag.tag(0), 0, tags, receiver * tagLength, tagLength);
        return Authenticator.wrap(tags, tagLength);
    }
}
