package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/** CHECKPOINT(n, d, i): after executing {@code sequence}, replica {@code replica}'s state has digest {@code stateDigest}. */
public record Checkpoint(long sequence, Digest stateDigest, int replica) implements Message {

    public Checkpoint {
        Checks.nonNegative(sequence, "sequence");
        Objects.requireNonNull(stateDigest, "stateDigest");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.CHECKPOINT;
    }
}
