package org.bftee.core.crypto;

/**
 * The outcome of checking a MAC received from a peer. Peer input never makes verification throw:
 * every way it can fail has a name here, for the caller's rejection counters.
 */
public enum Verification {

    /** The tag is valid under the current in-key for the sender. */
    OK,

    /** No in-key for the sender: an unknown principal, or one whose NEW-KEY has not arrived yet. */
    NO_KEY,

    /**
     * The tag is valid only under the in-key that the last refresh retired. Never accepted: the
     * point of a refresh is that a stolen old key stops working. Reported separately because it
     * usually means the sender has not yet received our NEW-KEY, which a forged tag does not.
     */
    STALE_KEY,

    /** The tag matches no key we hold for the sender. */
    FORGED,

    /** The authenticator has the wrong number of entries or the wrong tag length. */
    MALFORMED;

    public boolean isValid() {
        return this == OK;
    }
}
