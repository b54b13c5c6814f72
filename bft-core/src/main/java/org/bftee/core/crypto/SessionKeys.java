package org.bftee.core.crypto;

import java.util.HashMap;
import java.util.Map;

/**
 * One principal's session keys with each of its peers, as in the paper, where the receiver chooses
 * the key for messages sent to it:
 * <ul>
 *   <li>the <em>in-key</em> for peer {@code j} is chosen by me and sent to {@code j} in my NEW-KEY;
 *       {@code j} MACs its messages to me with it, and I verify with it;
 *   <li>the <em>out-key</em> for peer {@code j} is chosen by {@code j} and received in its NEW-KEY;
 *       I MAC my messages to {@code j} with it.
 * </ul>
 * Each key carries its epoch, the counter of the NEW-KEY that installed it; a key whose epoch is not
 * larger than the installed one's is refused, so a replayed NEW-KEY cannot bring back an old key.
 * Per peer the in-key retired by the last refresh is kept, only so that verification can tell a
 * stale tag from a forged one; it is never accepted.
 *
 * <p>Each key is held with a {@link KeyedMac} built once at installation. Not thread-safe: owned by
 * the thread that drives the principal's state machine.
 */
public final class SessionKeys {

    /** Epoch of a direction that has never had a key: any counter from zero up is larger. */
    public static final long EPOCH_NONE = -1;

    private final int self;
    private final MacSettings settings;
    private final int peersMax;
    private final Map<Integer, PeerKeys> peers = new HashMap<>();

    /**
     * @param self this principal's id
     * @param settings the group's MAC and tag length
     * @param peersMax how many peers this table holds keys for (replicas and client principals)
     */
    public SessionKeys(int self, MacSettings settings, int peersMax) {
        if (settings == null) {
            throw new IllegalArgumentException("MAC settings missing");
        }
        if (peersMax < 1) {
            throw new IllegalArgumentException("peersMax must be positive, got " + peersMax);
        }
        this.self = self;
        this.settings = settings;
        this.peersMax = peersMax;
    }

    public int self() {
        return self;
    }

    public MacSettings settings() {
        return settings;
    }

    public int peersMax() {
        return peersMax;
    }

    /**
     * Installs the key I chose for {@code peer}'s messages to me, with the counter of the NEW-KEY
     * that announces it. The in-key it replaces is kept only to diagnose stale tags.
     */
    public KeyInstall installInKey(int peer, SessionKey key, long epoch) {
        checkPeer(peer);
        PeerKeys keys = peers.get(peer);
        if (keys == null) {
            if (peers.size() >= peersMax) {
                return KeyInstall.TOO_MANY_PEERS;
            }
            keys = new PeerKeys();
            peers.put(peer, keys);
        }
        if (epoch <= keys.inEpoch) {
            return KeyInstall.OLD_EPOCH;
        }
        keys.previousInMac = keys.inMac;
        keys.inMac = settings.keyedMac(key);
        keys.inEpoch = epoch;
        return KeyInstall.INSTALLED;
    }

    /**
     * Installs the key {@code peer} chose for my messages to it, from its NEW-KEY with counter
     * {@code epoch}. The replaced out-key is dropped: the peer no longer accepts it.
     */
    public KeyInstall installOutKey(int peer, SessionKey key, long epoch) {
        checkPeer(peer);
        PeerKeys keys = peers.get(peer);
        if (keys == null) {
            if (peers.size() >= peersMax) {
                return KeyInstall.TOO_MANY_PEERS;
            }
            keys = new PeerKeys();
            peers.put(peer, keys);
        }
        if (epoch <= keys.outEpoch) {
            return KeyInstall.OLD_EPOCH;
        }
        keys.outMac = settings.keyedMac(key);
        keys.outEpoch = epoch;
        return KeyInstall.INSTALLED;
    }

    /** Epoch of the current in-key for {@code peer}, or the last one before {@link #discardKeys}, or {@link #EPOCH_NONE}. */
    public long inKeyEpoch(int peer) {
        PeerKeys keys = peers.get(peer);
        return keys == null ? EPOCH_NONE : keys.inEpoch;
    }

    /**
     * Epoch of the current out-key for {@code peer}: the counter of the last NEW-KEY accepted from
     * it, which is what a newer NEW-KEY must exceed. Survives {@link #discardKeys}.
     */
    public long outKeyEpoch(int peer) {
        PeerKeys keys = peers.get(peer);
        return keys == null ? EPOCH_NONE : keys.outEpoch;
    }

    public boolean hasInKey(int peer) {
        PeerKeys keys = peers.get(peer);
        return keys != null && keys.inMac != null;
    }

    public boolean hasOutKey(int peer) {
        PeerKeys keys = peers.get(peer);
        return keys != null && keys.outMac != null;
    }

    /**
     * Forgets every key, as proactive recovery requires, but keeps every epoch: a NEW-KEY replayed
     * after recovery must still be refused, and my next NEW-KEY must use a larger counter.
     */
    public void discardKeys() {
        for (PeerKeys keys : peers.values()) {
            keys.inMac = null;
            keys.previousInMac = null;
            keys.outMac = null;
        }
    }

    /** The engine for my messages to {@code peer}, or null without an out-key. */
    KeyedMac outMac(int peer) {
        PeerKeys keys = peers.get(peer);
        return keys == null ? null : keys.outMac;
    }

    /** The engine that checks {@code peer}'s messages to me, or null without an in-key. */
    KeyedMac inMac(int peer) {
        PeerKeys keys = peers.get(peer);
        return keys == null ? null : keys.inMac;
    }

    /** The engine for the in-key the last refresh retired, or null. */
    KeyedMac previousInMac(int peer) {
        PeerKeys keys = peers.get(peer);
        return keys == null ? null : keys.previousInMac;
    }

    private void checkPeer(int peer) {
        if (peer == self) {
            throw new IllegalArgumentException("principal " + self + " has no session key with itself");
        }
    }

    private static final class PeerKeys {
        KeyedMac inMac;
        KeyedMac previousInMac;
        long inEpoch = EPOCH_NONE;
        KeyedMac outMac;
        long outEpoch = EPOCH_NONE;
    }
}
