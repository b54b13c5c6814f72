package org.bftee.core.crypto;

/**
 * Builds and checks the MACs of one principal's messages with the keys in its {@link SessionKeys}.
 *
 * <p>A multicast to the replicas carries an {@link Authenticator} with one tag per replica
 * {@code 0..n-1}, each over the message digest under that replica's key; a point-to-point message
 * carries a single tag. A receiver checks only its own entry. Building costs the one tag array;
 * checking allocates nothing. Not thread-safe: shares its owner's thread with the keys.
 */
public final class Authenticators {

    private final SessionKeys keys;
    private final int tagLength;
    /** Holds the expected tag during verification; a tag is at most 32 bytes. */
    private final byte[] expected = new byte[Authenticator.TAG_LENGTH_MAX];

    public Authenticators(SessionKeys keys) {
        this.keys = keys;
        this.tagLength = keys.settings().tagLength();
    }

    public SessionKeys keys() {
        return keys;
    }

    /**
     * The authenticator of {@code digest} for a multicast to replicas {@code 0..n-1}. My own entry,
     * if I am one of them, is zero-filled. So is the entry of a replica whose key I do not have yet:
     * that replica rejects the message until its NEW-KEY reaches me, as the protocol expects.
     */
    public Authenticator multicast(Digest digest, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a multicast needs at least one receiver, got n = " + n);
        }
        byte[] tags = new byte[n * tagLength];
        for (int receiver = 0; receiver < n; receiver++) {
            if (receiver == keys.self()) {
                continue;
            }
            KeyedMac mac = keys.outMac(receiver);
            if (mac != null) {
                mac.computeInto(digest, tags, receiver * tagLength);
            }
        }
        return Authenticator.wrap(tags, tagLength);
    }

    /**
     * The single-tag authenticator of {@code digest} for {@code receiver}, zero-filled if I have no
     * key for it yet (see {@link #multicast}).
     */
    public Authenticator pointToPoint(Digest digest, int receiver) {
        byte[] tag = new byte[tagLength];
        KeyedMac mac = keys.outMac(receiver);
        if (mac != null) {
            mac.computeInto(digest, tag, 0);
        }
        return Authenticator.wrap(tag, tagLength);
    }

    /** Checks my entry of a multicast authenticator from {@code sender} to replicas {@code 0..n-1}. */
    public Verification verifyMulticast(int sender, Digest digest, Authenticator authenticator, int n) {
        if (authenticator.count() != n || keys.self() < 0 || keys.self() >= n) {
            return Verification.MALFORMED;
        }
        return verifyEntry(sender, digest, authenticator, keys.self());
    }

    /** Checks the single tag of a point-to-point message from {@code sender} to me. */
    public Verification verifyPointToPoint(int sender, Digest digest, Authenticator authenticator) {
        if (authenticator.count() != 1) {
            return Verification.MALFORMED;
        }
        return verifyEntry(sender, digest, authenticator, 0);
    }

    private Verification verifyEntry(int sender, Digest digest, Authenticator authenticator, int entry) {
        if (authenticator.tagLength() != tagLength) {
            return Verification.MALFORMED;
        }
        KeyedMac current = keys.inMac(sender);
        if (current == null) {
            return Verification.NO_KEY;
        }
        current.computeInto(digest, expected, 0);
        if (authenticator.matches(entry, expected, 0)) {
            return Verification.OK;
        }
        KeyedMac previous = keys.previousInMac(sender);
        if (previous != null) {
            previous.computeInto(digest, expected, 0);
            if (authenticator.matches(entry, expected, 0)) {
                return Verification.STALE_KEY;
            }
        }
        return Verification.FORGED;
    }
}
