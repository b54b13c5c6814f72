package org.bftee.core.message;

/** REPLY-STABLE: replica {@code replica}'s answer to the QUERY-STABLE with {@code nonce}. */
public record ReplyStable(long lastCheckpoint, long lastPrepared, int replica, long nonce) implements Message {

    public ReplyStable {
        Checks.nonNegative(lastCheckpoint, "lastCheckpoint");
        Checks.nonNegative(lastPrepared, "lastPrepared");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.REPLY_STABLE;
    }
}
