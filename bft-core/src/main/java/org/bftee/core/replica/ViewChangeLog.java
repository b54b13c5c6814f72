package org.bftee.core.replica;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeAck;
import org.bftee.core.message.ViewChangeRef;
import org.bftee.core.protocol.Quorums;

/**
 * The VIEW-CHANGE and VIEW-CHANGE-ACK messages a replica holds (PROTOCOL.md, "View change with
 * MACs"). Memory is bounded by the group size whatever peers send: one VIEW-CHANGE per replica
 * (its highest view), one ack per acknowledging replica and VIEW-CHANGE sender, and forwarded
 * copies only of the messages a NEW-VIEW names.
 *
 * <p>An authenticator proves a message to its receiver only, so a VIEW-CHANGE forwarded by a
 * replica other than its author proves nothing alone. A backup checking a NEW-VIEW uses a
 * forwarded copy once {@code f + 1} distinct replicas forwarded the same digest: one of them is
 * correct and had it from the author. The new primary's {@code 2f - 1} acks guarantee that
 * {@code f + 1} correct replicas hold each message it names, so the copies exist.
 */
final class ViewChangeLog {

    private record Named(int author, Digest digest) {
    }

    private final Quorums quorums;
    private final ViewChange[] direct;
    private final Digest[] directDigest;
    private final long[][] ackView;
    private final Digest[][] ackDigest;
    private final Map<Named, ViewChange> forwardedContent = new HashMap<>();
    private final Map<Named, Set<Integer>> forwarders = new HashMap<>();

    ViewChangeLog(Quorums quorums) {
        this.quorums = quorums;
        int n = quorums.n();
        this.direct = new ViewChange[n];
        this.directDigest = new Digest[n];
        this.ackView = new long[n][n];
        this.ackDigest = new Digest[n][n];
        for (long[] row : ackView) {
            java.util.Arrays.fill(row, -1);
        }
    }

    /** What storing a VIEW-CHANGE from its author did. */
    enum Stored {
        STORED,
        DUPLICATE,
        /** For a view below the author's latest: the author moved on. */
        STALE,
        /** A second, different message from the author for the same view: the author is faulty. */
        CONFLICTING
    }

    Stored storeDirect(ViewChange message, Digest digest) {
        int author = message.replica();
        ViewChange held = direct[author];
        if (held != null && held.newView() > message.newView()) {
            return Stored.STALE;
        }
        if (held != null && held.newView() == message.newView()) {
            return digest.equals(directDigest[author]) ? Stored.DUPLICATE : Stored.CONFLICTING;
        }
        direct[author] = message;
        directDigest[author] = digest;
        return Stored.STORED;
    }

    /** The VIEW-CHANGE {@code author} sent this replica directly for {@code view}, or null. */
    ViewChange direct(int author, long view) {
        ViewChange held = direct[author];
        return held != null && held.newView() == view ? held : null;
    }

    Digest directDigest(int author) {
        return directDigest[author];
    }

    /** The highest view each replica asked to move to, or -1: for the join rule. */
    long latestView(int author) {
        return direct[author] == null ? -1 : direct[author].newView();
    }

    /** Records that {@code forwarder} sent a copy of a message the pending NEW-VIEW names; returns whether it is new. */
    boolean storeForwarded(int forwarder, ViewChange message, Digest digest) {
        Named named = new Named(message.replica(), digest);
        forwardedContent.putIfAbsent(named, message);
        return forwarders.computeIfAbsent(named, key -> new HashSet<>()).add(forwarder);
    }

    /** Forgets forwarded copies: a new NEW-VIEW is pending, or none is. */
    void clearForwarded() {
        forwardedContent.clear();
        forwarders.clear();
    }

    /**
     * The messages a NEW-VIEW names that this replica holds with the named digest: received from
     * the author, or forwarded by {@code f + 1} replicas. Keyed by author, sorted.
     */
    Map<Integer, ViewChange> heldFor(long view, Iterable<ViewChangeRef> refs) {
        Map<Integer, ViewChange> held = new TreeMap<>();
        for (ViewChangeRef ref : refs) {
            if (ref.replica() >= quorums.n()) {
                continue;
            }
            ViewChange own = direct(ref.replica(), view);
            if (own != null && ref.digest().equals(directDigest[ref.replica()])) {
                held.put(ref.replica(), own);
                continue;
            }
            Named named = new Named(ref.replica(), ref.digest());
            Set<Integer> copies = forwarders.get(named);
            if (copies != null && copies.size() >= quorums.weak()) {
                held.put(ref.replica(), forwardedContent.get(named));
            }
        }
        return held;
    }

    /** Records {@code ack}; its sender is the authenticated {@code ack.replica()}. */
    void storeAck(ViewChangeAck ack) {
        int acker = ack.replica();
        int author = ack.viewChangeSender();
        if (ack.newView() >= ackView[acker][author]) {
            ackView[acker][author] = ack.newView();
            ackDigest[acker][author] = ack.viewChangeDigest();
        }
    }

    /** Replicas other than {@code author} and {@code self} that acknowledged {@code author}'s message {@code digest} for {@code view}. */
    int acks(long view, int author, Digest digest, int self) {
        int count = 0;
        for (int acker = 0; acker < ackView.length; acker++) {
            if (acker != author && acker != self && ackView[acker][author] == view
                    && digest.equals(ackDigest[acker][author])) {
                count++;
            }
        }
        return count;
    }
}
