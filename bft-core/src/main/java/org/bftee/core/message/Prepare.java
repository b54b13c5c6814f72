package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/** PREPARE(v, n, d, i): backup {@code replica} accepted the pre-prepare of batch {@code batchDigest} at {@code (view, sequence)}. */
public record Prepare(long view, long sequence, Digest batchDigest, int replica) implements Message {

    public Prepare {
        Checks.nonNegative(view, "view");
        Checks.nonNegative(sequence, "sequence");
        Objects.requireNonNull(batchDigest, "batchDigest");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.PREPARE;
    }
}
