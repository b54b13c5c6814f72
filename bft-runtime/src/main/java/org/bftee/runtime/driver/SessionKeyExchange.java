package org.bftee.runtime.driver;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bftee.core.crypto.KeyInstall;
import org.bftee.core.crypto.NewKeyOpener;
import org.bftee.core.crypto.NewKeyOpening;
import org.bftee.core.crypto.NewKeySealer;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.crypto.PublicIdentity;
import org.bftee.core.crypto.RandomSource;
import org.bftee.core.crypto.SessionKey;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.message.NewKey;
import org.bftee.runtime.config.GroupConfig;

/**
 * Session keys by NEW-KEY (PROTOCOL.md, "Authentication"): the receiver chooses the key for the
 * messages sent to it. {@link #freshKeys} draws a new in-key for every peer, installs it and
 * returns the signed, sealed NEW-KEY that tells each peer its key; {@link #onNewKey} opens a
 * peer's NEW-KEY and installs the out-key it chose for this principal. Runs on the owner thread
 * of the principal's state machine, which shares the {@link SessionKeys}.
 *
 * <p>A replica's peers are the other replicas and the group's clients; a client's peers are the
 * replicas. The counter is the wall clock in milliseconds, kept strictly increasing, so that it
 * only grows across restarts too.
 *
 * <p>Old keys: {@link SessionKeys} replaces a peer's in-key at once, with no grace period, so a
 * frame the peer sealed under the key before a refresh is refused from that moment on (as
 * {@code MAC_STALE_KEY}, or as a request that is not authentic). The drivers send the new NEW-KEY
 * to every peer at the refresh and again to a peer whose frames fail, and retransmission recovers
 * what was in flight. A NEW-KEY whose counter is not above the last one accepted from its sender, a
 * replay or a duplicate, is refused as {@code OLD_COUNTER}; every refusal is counted
 * ({@link #counts()}).
 */
public final class SessionKeyExchange {

    private static final Logger LOG = System.getLogger(SessionKeyExchange.class.getName());

    private final int self;
    private final GroupConfig group;
    private final SessionKeys keys;
    private final NewKeySealer sealer;
    private final NewKeyOpener opener;
    private final RandomSource random;
    private final List<Integer> peers;
    private final long[] refusedByStatus = new long[NewKeyOpening.Status.values().length];
    private long freshKeysSent;
    private long newKeysAccepted;
    /** The copy {@link #counts()} hands out, made again only after a count changed. */
    private KeyRefreshCounts counts = KeyRefreshCounts.NONE;
    private boolean countsChanged;
    private long lastCounter = -1;
    private NewKey current;

    public SessionKeyExchange(int self, GroupConfig group, PrincipalKeys ownKeys, SessionKeys keys,
                              RandomSource random) {
        this.self = self;
        this.group = group;
        this.keys = keys;
        this.random = random;
        this.sealer = new NewKeySealer(group.groupId(), self, ownKeys, random);
        this.opener = new NewKeyOpener(group.groupId(), self, ownKeys);
        this.peers = peersOf(self, group);
    }

    /** The principals this one exchanges session keys with. */
    public static List<Integer> peersOf(int self, GroupConfig group) {
        List<Integer> peers = new ArrayList<>();
        for (GroupConfig.ReplicaEntry replica : group.replicas()) {
            if (replica.id() != self) {
                peers.add(replica.id());
            }
        }
        if (self < group.n()) {
            group.clients().forEach(client -> peers.add(client.id()));
        }
        return List.copyOf(peers);
    }

    /** New in-keys for every peer, installed; the NEW-KEY that announces them, to send to every peer. */
    public NewKey freshKeys(long nowMillis) {
        long counter = Math.max(nowMillis, lastCounter + 1);
        lastCounter = counter;
        List<NewKeySealer.Recipient> recipients = new ArrayList<>(peers.size());
        for (int peer : peers) {
            SessionKey key = SessionKey.generate(random);
            KeyInstall installed = keys.installInKey(peer, key, counter);
            if (!installed.isInstalled()) {
                // The counter only grows and the table is sized for every peer: this is a bug, not peer input.
                throw new IllegalStateException("principal " + self + " could not install its fresh in-key for "
                        + peer + " with counter " + counter + ": " + installed);
            }
            recipients.add(new NewKeySealer.Recipient(peer, identityOf(peer), key));
        }
        current = sealer.seal(counter, recipients);
        freshKeysSent++;
        countsChanged = true;
        return current;
    }

    /** The last NEW-KEY this principal sent, to send again to a peer that may have missed it; null before the first. */
    public NewKey current() {
        return current;
    }

    /** Opens a peer's NEW-KEY (its frame said it is from {@code sender}); true if it installed a new out-key. */
    public boolean onNewKey(int sender, NewKey message) {
        PublicIdentity identity = sender < group.n() || group.client(sender).isPresent() ? identityOf(sender) : null;
        if (identity == null || sender == self) {
            refuse(NewKeyOpening.Status.MALFORMED);
            return false;
        }
        NewKeyOpening opening = opener.open(message, identity, keys.outKeyEpoch(sender));
        if (!opening.isOpened()) {
            refuse(opening.status());
            if (opening.status() != NewKeyOpening.Status.OLD_COUNTER) {
                LOG.log(Level.WARNING, "principal {0}: NEW-KEY from {1} refused: {2}", self, sender,
                        opening.status());
            }
            return false;
        }
        keys.installOutKey(sender, opening.sessionKey(), opening.counter());
        newKeysAccepted++;
        countsChanged = true;
        return true;
    }

    /** NEW-KEY messages refused, by reason (a replayed one is {@code OLD_COUNTER}). */
    public Map<NewKeyOpening.Status, Long> refused() {
        return counts().newKeysRefused();
    }

    /**
     * The counts so far. Allocates only when a count changed since the last call, so that a driver
     * may call it after every batch of events.
     */
    public KeyRefreshCounts counts() {
        if (countsChanged) {
            countsChanged = false;
            counts = KeyRefreshCounts.of(freshKeysSent, newKeysAccepted, refusedByStatus);
        }
        return counts;
    }

    /** Whether this principal can authenticate messages to {@code peer}: it holds the key {@code peer} chose. */
    public boolean hasOutKey(int peer) {
        return keys.hasOutKey(peer);
    }

    private void refuse(NewKeyOpening.Status status) {
        refusedByStatus[status.ordinal()]++;
        countsChanged = true;
    }

    private PublicIdentity identityOf(int principal) {
        if (principal < group.n()) {
            return group.replica(principal).identity();
        }
        return group.client(principal).orElseThrow(
                () -> new IllegalArgumentException("principal " + principal + " is not in the group")).identity();
    }
}
