package org.bftee.core.crypto;

/** The outcome of installing a session key in {@link SessionKeys}. */
public enum KeyInstall {

    INSTALLED,

    /** The key's epoch is not larger than the installed one's: a replayed or reordered NEW-KEY. */
    OLD_EPOCH,

    /** The key belongs to a peer the table has no room for ({@link SessionKeys#peersMax()}). */
    TOO_MANY_PEERS;

    public boolean isInstalled() {
        return this == INSTALLED;
    }
}
