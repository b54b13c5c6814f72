package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/** A pair {@code (d, v)} of a Q entry: batch {@code digest} pre-prepared, latest in {@code view}. */
public record DigestView(Digest digest, long view) {

    public DigestView {
        Objects.requireNonNull(digest, "digest");
        Checks.nonNegative(view, "view");
    }
}
