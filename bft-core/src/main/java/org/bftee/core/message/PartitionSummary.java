package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/** In a META-DATA, one sub-partition: its index in its level, the checkpoint it last changed at, its digest. */
public record PartitionSummary(long index, long lastModified, Digest digest) {

    public PartitionSummary {
        Checks.nonNegative(index, "index");
        Checks.nonNegative(lastModified, "lastModified");
        Objects.requireNonNull(digest, "digest");
    }
}
