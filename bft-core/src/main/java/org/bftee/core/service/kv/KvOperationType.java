package org.bftee.core.service.kv;

import java.util.Optional;

/** The wire tag of each key-value operation: the operation's first byte. Never renumber one. */
public enum KvOperationType {

    GET(1, true),
    PUT(2, false),
    COMPARE_AND_SET(3, false),
    DELETE(4, false),
    SCAN(5, true);

    private final byte tag;
    private final boolean readOnly;

    KvOperationType(int tag, boolean readOnly) {
        this.tag = (byte) tag;
        this.readOnly = readOnly;
    }

    public byte tag() {
        return tag;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public static Optional<KvOperationType> fromTag(int tag) {
        for (KvOperationType type : values()) {
            if (type.tag == tag) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
