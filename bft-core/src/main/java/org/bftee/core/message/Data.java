package org.bftee.core.message;

import java.util.Objects;

/** DATA(x, lm, v): the value of object {@code index}, last modified at checkpoint {@code lastModified}. */
public record Data(long index, long lastModified, Bytes value, int replica) implements Message {

    public Data {
        Checks.nonNegative(index, "index");
        Checks.nonNegative(lastModified, "lastModified");
        Objects.requireNonNull(value, "value");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.DATA;
    }
}
