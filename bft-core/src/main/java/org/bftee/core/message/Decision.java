package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/**
 * An element of a NEW-VIEW's X set: the batch chosen for {@code sequence}, or the null request
 * when {@code digest} is {@link Digest#ZERO}.
 */
public record Decision(long sequence, Digest digest) {

    public Decision {
        Checks.nonNegative(sequence, "sequence");
        Objects.requireNonNull(digest, "digest");
    }

    public boolean isNullRequest() {
        return digest.equals(Digest.ZERO);
    }
}
