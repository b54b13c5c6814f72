package org.bftee.core.message;

/**
 * The type of every message, with its one-byte wire tag and how the frame carrying it is
 * authenticated. Tags are part of the wire format: never renumber one, only add.
 */
public enum MessageType {

    REQUEST(1, Authentication.NONE),
    REPLY(2, Authentication.MAC),
    PRE_PREPARE(3, Authentication.AUTHENTICATOR),
    PREPARE(4, Authentication.AUTHENTICATOR),
    COMMIT(5, Authentication.AUTHENTICATOR),
    CHECKPOINT(6, Authentication.AUTHENTICATOR),
    VIEW_CHANGE(7, Authentication.AUTHENTICATOR),
    VIEW_CHANGE_ACK(8, Authentication.MAC),
    NEW_VIEW(9, Authentication.AUTHENTICATOR),
    NEW_KEY(10, Authentication.NONE),
    QUERY_STABLE(11, Authentication.AUTHENTICATOR),
    REPLY_STABLE(12, Authentication.MAC),
    FETCH(13, Authentication.AUTHENTICATOR),
    META_DATA(14, Authentication.MAC),
    META_DATA_DIGEST(15, Authentication.MAC),
    DATA(16, Authentication.MAC),
    STATUS(17, Authentication.AUTHENTICATOR);

    /**
     * How the frame's authentication trailer is filled for a message type.
     */
    public enum Authentication {
        /**
         * No trailer tags: NEW-KEY is signed, and a REQUEST carries its client's authenticator
         * in its body because the request travels on inside pre-prepares and forwards.
         */
        NONE,
        /** Exactly one tag, for the single receiver of a point-to-point message. */
        MAC,
        /** One tag per receiver (a multicast); the protocol checks that there are {@code n}. */
        AUTHENTICATOR
    }

    private static final MessageType[] BY_TAG = new MessageType[256];

    static {
        for (MessageType type : values()) {
            if (BY_TAG[type.tag] != null) {
                throw new IllegalStateException("wire tag " + type.tag + " used twice");
            }
            BY_TAG[type.tag] = type;
        }
    }

    private final int tag;
    private final Authentication authentication;

    MessageType(int tag, Authentication authentication) {
        this.tag = tag;
        this.authentication = authentication;
    }

    /** The wire tag, in {@code [1, 255]}. */
    public int tag() {
        return tag;
    }

    public Authentication authentication() {
        return authentication;
    }

    /** The type with wire tag {@code tag}, or {@code null} for any value that is not a tag (peer input). */
    public static MessageType fromTag(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
}
