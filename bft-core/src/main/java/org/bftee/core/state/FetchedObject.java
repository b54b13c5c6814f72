package org.bftee.core.state;

import java.util.Objects;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/**
 * An object fetched by state transfer and checked against the certified tree: its value, the
 * checkpoint at which it last changed, and the leaf digest both give.
 */
public record FetchedObject(long lastModified, Bytes value, Digest digest) {

    public FetchedObject {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(digest, "digest");
    }
}
