package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/**
 * PREPARE(v, n, d, i): backup {@code replica} accepted the pre-prepare of batch {@code batchDigest}
 * at {@code (view, sequence)}.
 *
 * <p>A <em>partial</em> PREPARE ({@code unauthenticated} not empty) is not an acceptance: it lists
 * the batch positions whose client authenticators its sender could not check, and vouches for the
 * others. A faulty client may make each of its requests authentic for a different subset of the
 * backups; vouching per request lets every correct backup accept such a batch once the primary
 * and {@code f} backups vouched for each request in it, so at least one correct replica
 * authenticated every request (PROTOCOL.md, "Authentication"). Only full PREPAREs count towards
 * the prepared certificate.
 *
 * @param unauthenticated empty (size 0) for a full PREPARE; otherwise a bitmap with one bit per
 *                        batch entry and at least one bit set
 */
public record Prepare(long view, long sequence, Digest batchDigest, int replica, Bitmap unauthenticated)
        implements Message {

    public Prepare {
        Checks.nonNegative(view, "view");
        Checks.nonNegative(sequence, "sequence");
        Objects.requireNonNull(batchDigest, "batchDigest");
        Checks.nonNegative(replica, "replica");
        Objects.requireNonNull(unauthenticated, "unauthenticated");
        if (unauthenticated.size() > 0 && unauthenticated.cardinality() == 0) {
            throw new IllegalArgumentException("a partial prepare must name a request it could not authenticate");
        }
    }

    /** A full PREPARE: the sender accepted the whole batch. */
    public Prepare(long view, long sequence, Digest batchDigest, int replica) {
        this(view, sequence, batchDigest, replica, Bitmap.EMPTY);
    }

    /** Whether this PREPARE accepts the whole batch (and so counts towards a prepared certificate). */
    public boolean isFull() {
        return unauthenticated.size() == 0;
    }

    /** Whether the sender vouches for batch entry {@code position}: it authenticated that request's client. */
    public boolean vouchesFor(int position) {
        return !unauthenticated.get(position);
    }

    @Override
    public MessageType type() {
        return MessageType.PREPARE;
    }
}
