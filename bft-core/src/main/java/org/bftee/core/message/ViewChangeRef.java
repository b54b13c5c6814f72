package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/** An element {@code (j, d)} of a NEW-VIEW's V set: the VIEW-CHANGE from {@code replica} with digest {@code digest}. */
public record ViewChangeRef(int replica, Digest digest) {

    public ViewChangeRef {
        Checks.nonNegative(replica, "replica");
        Objects.requireNonNull(digest, "digest");
    }
}
