package org.bftee.core.crypto;

/**
 * What {@link NewKeyOpener#open} made of a NEW-KEY: the session key sealed for me, or why the
 * message was refused. Peer input never makes opening throw.
 */
public final class NewKeyOpening {

    public enum Status {
        /** Signed by the sender, newer than its last NEW-KEY, and my entry decrypted. */
        OPENED,
        /** The signature does not verify under the sender's key for this group. */
        BAD_SIGNATURE,
        /** The counter is not larger than the sender's last accepted one: a replay or a reordering. */
        OLD_COUNTER,
        /** The message has no entry for me. */
        NOT_FOR_ME,
        /** My entry does not decrypt: sealed for another key, group or context, or tampered with. */
        DECRYPTION_FAILED,
        /** A field has the wrong length, my id appears twice, or the ephemeral key is a low-order point. */
        MALFORMED
    }

    private final Status status;
    private final SessionKey sessionKey;
    private final long counter;

    private NewKeyOpening(Status status, SessionKey sessionKey, long counter) {
        this.status = status;
        this.sessionKey = sessionKey;
        this.counter = counter;
    }

    static NewKeyOpening opened(SessionKey sessionKey, long counter) {
        return new NewKeyOpening(Status.OPENED, sessionKey, counter);
    }

    static NewKeyOpening rejected(Status status, long counter) {
        return new NewKeyOpening(status, null, counter);
    }

    public Status status() {
        return status;
    }

    public boolean isOpened() {
        return status == Status.OPENED;
    }

    /**
     * The session key the sender chose for my messages to it: install it with
     * {@link SessionKeys#installOutKey} under {@link #counter()}.
     *
     * @throws IllegalStateException if the message was refused
     */
    public SessionKey sessionKey() {
        if (sessionKey == null) {
            throw new IllegalStateException("NEW-KEY refused: " + status);
        }
        return sessionKey;
    }

    /** The message's counter, the epoch of the key it carries. */
    public long counter() {
        return counter;
    }

    @Override
    public String toString() {
        return "NewKeyOpening[" + status + ", counter " + counter + "]";
    }
}
