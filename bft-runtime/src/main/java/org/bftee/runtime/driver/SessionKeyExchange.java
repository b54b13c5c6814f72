package org.bftee.runtime.driver;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
    private final Map<NewKeyOpening.Status, Long> refused = new EnumMap<>(NewKeyOpening.Status.class);
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
            keys.installInKey(peer, key, counter);
            recipients.add(new NewKeySealer.Recipient(peer, identityOf(peer), key));
        }
        current = sealer.seal(counter, recipients);
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
            refused.merge(NewKeyOpening.Status.MALFORMED, 1L, Long::sum);
            return false;
        }
        NewKeyOpening opening = opener.open(message, identity, keys.outKeyEpoch(sender));
        if (!opening.isOpened()) {
            refused.merge(opening.status(), 1L, Long::sum);
            if (opening.status() != NewKeyOpening.Status.OLD_COUNTER) {
                LOG.log(Level.WARNING, "principal {0}: NEW-KEY from {1} refused: {2}", self, sender,
                        opening.status());
            }
            return false;
        }
        keys.installOutKey(sender, opening.sessionKey(), opening.counter());
        return true;
    }

    /** NEW-KEY messages refused, by reason (a replayed one is {@code OLD_COUNTER}). */
    public Map<NewKeyOpening.Status, Long> refused() {
        return Map.copyOf(refused);
    }

    /** Whether this principal can authenticate messages to {@code peer}: it holds the key {@code peer} chose. */
    public boolean hasOutKey(int peer) {
        return keys.hasOutKey(peer);
    }

    private PublicIdentity identityOf(int principal) {
        if (principal < group.n()) {
            return group.replica(principal).identity();
        }
        return group.client(principal).orElseThrow(
                () -> new IllegalArgumentException("principal " + principal + " is not in the group")).identity();
    }
}
