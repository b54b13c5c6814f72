package org.bftee.core.viewchange;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;
import org.bftee.core.protocol.Quorums;

/**
 * Whether one VIEW-CHANGE from a peer is well formed: the shape every correct replica's message
 * has, checked before the message is acknowledged, counted in the decision procedure or used to
 * check a NEW-VIEW. Bad input never throws: the answer is a {@link ViewChangeRejectReason}.
 *
 * <p>What this cannot check is whether the content is true (a faulty replica may claim anything
 * well formed); the decision procedure's quorums are what make lies harmless.
 */
public final class ViewChangeValidation {

    private final Quorums quorums;
    private final long logWindow;
    private final long checkpointInterval;

    public ViewChangeValidation(Quorums quorums, ProtocolLimits limits) {
        this.quorums = Objects.requireNonNull(quorums, "quorums");
        this.logWindow = limits.logWindow();
        this.checkpointInterval = limits.checkpointInterval();
    }

    /**
     * The most {@code (d, v)} pairs one Q entry may list: {@code f + 2}. The thesis bounds Q but we
     * could not read its exact bound; the original library remembers the last {@code f + 2} digests
     * per sequence number besides the current one (libbyz {@code View_info::add_incomplete},
     * "Remember last f()+2 digests"). A replica building Q keeps the pairs with the highest views
     * and always the one of its P entry. Dropping a pair only removes support for condition A2,
     * so the bound can delay a decision but never make a wrong one.
     */
    public static int prePreparedDigestsMax(Quorums quorums) {
        return quorums.f() + 2;
    }

    /** Empty when {@code viewChange} is well formed for a change to {@code expectedNewView}. */
    public Optional<ViewChangeRejectReason> check(ViewChange viewChange, long expectedNewView) {
        if (viewChange.newView() != expectedNewView) {
            return reject(ViewChangeRejectReason.WRONG_NEW_VIEW);
        }
        if (viewChange.replica() >= quorums.n()) {
            return reject(ViewChangeRejectReason.REPLICA_OUT_OF_RANGE);
        }
        if (viewChange.stableSequence() % checkpointInterval != 0) {
            return reject(ViewChangeRejectReason.STABLE_SEQUENCE_NOT_AT_INTERVAL);
        }
        Optional<ViewChangeRejectReason> reason = checkCheckpoints(viewChange);
        if (reason.isEmpty()) {
            reason = checkPrepared(viewChange);
        }
        if (reason.isEmpty()) {
            reason = checkPrePrepared(viewChange);
        }
        if (reason.isEmpty()) {
            reason = checkPreparedWerePrePrepared(viewChange);
        }
        return reason;
    }

    private Optional<ViewChangeRejectReason> checkCheckpoints(ViewChange viewChange) {
        long stable = viewChange.stableSequence();
        long previous = -1;
        for (CheckpointEntry entry : viewChange.checkpoints()) {
            if (entry.sequence() <= previous) {
                return reject(ViewChangeRejectReason.CHECKPOINTS_NOT_SORTED);
            }
            previous = entry.sequence();
            if (entry.sequence() % checkpointInterval != 0) {
                return reject(ViewChangeRejectReason.CHECKPOINT_NOT_AT_INTERVAL);
            }
            // Subtraction, not h + L: a faulty peer may send any h, and h + L could overflow.
            if (entry.sequence() < stable || entry.sequence() - stable > logWindow) {
                return reject(ViewChangeRejectReason.CHECKPOINT_OUTSIDE_WINDOW);
            }
        }
        return Optional.empty();
    }

    private Optional<ViewChangeRejectReason> checkPrepared(ViewChange viewChange) {
        long previous = -1;
        for (PreparedEntry entry : viewChange.prepared()) {
            if (entry.sequence() <= previous) {
                return reject(ViewChangeRejectReason.PREPARED_NOT_SORTED);
            }
            previous = entry.sequence();
            if (!inWindow(viewChange.stableSequence(), entry.sequence())) {
                return reject(ViewChangeRejectReason.PREPARED_OUTSIDE_WINDOW);
            }
            if (entry.view() >= viewChange.newView()) {
                return reject(ViewChangeRejectReason.PREPARED_VIEW_NOT_BELOW_NEW_VIEW);
            }
        }
        return Optional.empty();
    }

    private Optional<ViewChangeRejectReason> checkPrePrepared(ViewChange viewChange) {
        long previous = -1;
        int pairsMax = prePreparedDigestsMax(quorums);
        for (PrePreparedEntry entry : viewChange.prePrepared()) {
            if (entry.sequence() <= previous) {
                return reject(ViewChangeRejectReason.PRE_PREPARED_NOT_SORTED);
            }
            previous = entry.sequence();
            if (!inWindow(viewChange.stableSequence(), entry.sequence())) {
                return reject(ViewChangeRejectReason.PRE_PREPARED_OUTSIDE_WINDOW);
            }
            List<DigestView> pairs = entry.digestViews();
            if (pairs.isEmpty()) {
                return reject(ViewChangeRejectReason.PRE_PREPARED_ENTRY_EMPTY);
            }
            if (pairs.size() > pairsMax) {
                return reject(ViewChangeRejectReason.PRE_PREPARED_ENTRY_TOO_LARGE);
            }
            Set<Digest> digests = new HashSet<>();
            for (DigestView pair : pairs) {
                if (!digests.add(pair.digest())) {
                    return reject(ViewChangeRejectReason.PRE_PREPARED_DUPLICATE_DIGEST);
                }
                if (pair.view() >= viewChange.newView()) {
                    return reject(ViewChangeRejectReason.PRE_PREPARED_VIEW_NOT_BELOW_NEW_VIEW);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ViewChangeRejectReason> checkPreparedWerePrePrepared(ViewChange viewChange) {
        Map<Long, List<DigestView>> prePrepared = new HashMap<>();
        for (PrePreparedEntry entry : viewChange.prePrepared()) {
            prePrepared.put(entry.sequence(), entry.digestViews());
        }
        for (PreparedEntry entry : viewChange.prepared()) {
            List<DigestView> pairs = prePrepared.getOrDefault(entry.sequence(), List.of());
            boolean found = pairs.stream()
                    .anyMatch(pair -> pair.digest().equals(entry.digest()) && pair.view() >= entry.view());
            if (!found) {
                return reject(ViewChangeRejectReason.PREPARED_NOT_PRE_PREPARED);
            }
        }
        return Optional.empty();
    }

    /** {@code h < s <= h + L}, without computing {@code h + L}. */
    private boolean inWindow(long stable, long sequence) {
        return sequence > stable && sequence - stable <= logWindow;
    }

    private static Optional<ViewChangeRejectReason> reject(ViewChangeRejectReason reason) {
        return Optional.of(reason);
    }
}
