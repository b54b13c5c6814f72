package org.bftee.core.codec;

/** The wire tag that opens each entry of a pre-prepare's batch. Never renumber, only add. */
enum BatchEntryKind {
    INLINE_REQUEST(1),
    REQUEST_DIGEST(2);

    private final int tag;

    BatchEntryKind(int tag) {
        this.tag = tag;
    }

    int tag() {
        return tag;
    }

    /** The kind with tag {@code tag}, or {@code null} (peer input). */
    static BatchEntryKind fromTag(int tag) {
        for (BatchEntryKind kind : values()) {
            if (kind.tag == tag) {
                return kind;
            }
        }
        return null;
    }
}
