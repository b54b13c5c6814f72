package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/** COMMIT(v, n, d, i): replica {@code replica} has prepared batch {@code batchDigest} at {@code (view, sequence)}. */
public record Commit(long view, long sequence, Digest batchDigest, int replica) implements Message {

    public Commit {
        Checks.nonNegative(view, "view");
        Checks.nonNegative(sequence, "sequence");
        Objects.requireNonNull(batchDigest, "batchDigest");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.COMMIT;
    }
}
