package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/**
 * A large request named by its digest: the client multicast the body, and a backup prepares only
 * once it holds an authentic body with this digest.
 */
public record RequestDigest(int client, int lane, long timestamp, Digest digest) implements BatchEntry {

    public RequestDigest {
        Checks.nonNegative(client, "client");
        Checks.nonNegative(lane, "lane");
        Checks.nonNegative(timestamp, "timestamp");
        Objects.requireNonNull(digest, "digest");
    }
}
