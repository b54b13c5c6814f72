package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/** META-DATA-DIGEST(c, l, x, d): partition {@code (level, index)} has {@code digest} at {@code checkpoint}, says {@code replica}. */
public record MetaDataDigest(long checkpoint, int level, long index, Digest digest, int replica) implements Message {

    public MetaDataDigest {
        Checks.nonNegative(checkpoint, "checkpoint");
        Checks.nonNegative(level, "level");
        Checks.nonNegative(index, "index");
        Objects.requireNonNull(digest, "digest");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.META_DATA_DIGEST;
    }
}
