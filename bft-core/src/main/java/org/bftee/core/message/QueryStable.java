package org.bftee.core.message;

/**
 * QUERY-STABLE: recovering replica {@code replica} asks the others for their last checkpoint and
 * last prepared sequence number, to estimate the high water mark; {@code nonce} pairs the answers
 * with this query.
 */
public record QueryStable(int replica, long nonce) implements Message {

    public QueryStable {
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.QUERY_STABLE;
    }
}
