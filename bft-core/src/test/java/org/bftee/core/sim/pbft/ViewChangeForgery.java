package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.viewchange.ViewChangeRejectReason;
import org.bftee.core.viewchange.ViewChangeValidation;

/**
 * The lies a Byzantine replica can tell in a VIEW-CHANGE, each made from the message it would send
 * truthfully, for {@link ForgingViewChangeBackup} and {@link EquivocatingViewChanger}.
 *
 * <p>Every lie but {@link #malformed} keeps the message well formed ({@link ViewChangeValidation}):
 * sets sorted by sequence number and inside the window {@code (h, h + L]}, views below the new view,
 * a Q pair {@code (d, v' >= v)} behind every P entry {@code (s, d, v)}, no Q entry empty or above
 * {@link ViewChangeValidation#prePreparedDigestsMax} pairs. Such a lie reaches the decision
 * procedure, whose quorums must make it harmless; a malformed message must be dropped before it is
 * acknowledged. Every message stays within the wire limits of the group, so that the codec sends it.
 *
 * <p>The truth must be a correct replica's VIEW-CHANGE (well formed, for a new view of at least 1).
 */
final class ViewChangeForgery {

    private final long logWindow;
    private final long checkpointInterval;
    private final int pairsMax;
    private final List<ViewChangeRejectReason> malformations;
    private final SplittableRandom random;

    ViewChangeForgery(Quorums quorums, ProtocolLimits limits, SplittableRandom random) {
        this.logWindow = limits.logWindow();
        this.checkpointInterval = limits.checkpointInterval();
        this.pairsMax = ViewChangeValidation.prePreparedDigestsMax(quorums);
        this.random = random;
        // A wrong new view or a sender outside the group is not a lie a replica can tell in its own
        // VIEW-CHANGE: the first is a message for another view, the second the codec refuses to encode.
        Set<ViewChangeRejectReason> possible = EnumSet.allOf(ViewChangeRejectReason.class);
        possible.remove(ViewChangeRejectReason.WRONG_NEW_VIEW);
        possible.remove(ViewChangeRejectReason.REPLICA_OUT_OF_RANGE);
        if (checkpointInterval == 1) {
            possible.remove(ViewChangeRejectReason.STABLE_SEQUENCE_NOT_AT_INTERVAL);
            possible.remove(ViewChangeRejectReason.CHECKPOINT_NOT_AT_INTERVAL);
        }
        if (pairsMax + 1 > WireLimits.forGroup(limits, quorums.n()).digestViewsPerEntryMax()) {
            possible.remove(ViewChangeRejectReason.PRE_PREPARED_ENTRY_TOO_LARGE);
        }
        this.malformations = List.copyOf(possible);
    }

    /** The reasons {@link #malformed} can make the validation give, in declaration order. */
    List<ViewChangeRejectReason> malformations() {
        return malformations;
    }

    /**
     * Claims that a batch of its invention prepared at a sequence number in the window, in a view
     * below the new one (half the time the latest), with the Q pair that makes the claim well
     * formed. What it claimed prepared there before, it no longer claims.
     */
    ViewChange forgedPrepared(ViewChange truth) {
        Draft draft = new Draft(truth);
        long newView = truth.newView();
        long sequence = inWindow(truth.stableSequence());
        long view = random.nextBoolean() ? newView - 1 : random.nextLong(newView);
        Digest digest = invented();
        draft.prepared.put(sequence, new PreparedEntry(sequence, digest, view));
        List<DigestView> pairs = draft.pairsAt(sequence);
        if (pairs.size() >= pairsMax) {
            pairs.remove(random.nextInt(pairs.size()));
        }
        pairs.add(new DigestView(digest, view + random.nextLong(newView - view)));
        return draft.build();
    }

    /**
     * Claims to have pre-prepared batches of its invention at one to three sequence numbers in the
     * window: support for condition A2 that a colluding replica's forged P entry would need. A full
     * Q entry gives up a pair, never the one behind its own P entry.
     */
    ViewChange forgedPrePrepared(ViewChange truth) {
        Draft draft = new Draft(truth);
        int entries = 1 + random.nextInt(3);
        for (int i = 0; i < entries; i++) {
            long sequence = inWindow(truth.stableSequence());
            List<DigestView> pairs = draft.pairsAt(sequence);
            if (pairs.size() >= pairsMax) {
                PreparedEntry own = draft.prepared.get(sequence);
                List<DigestView> removable = pairs.stream()
                        .filter(pair -> own == null || !pair.digest().equals(own.digest()))
                        .toList();
                pairs.remove(removable.get(random.nextInt(removable.size())));
            }
            pairs.add(new DigestView(invented(), random.nextLong(truth.newView())));
        }
        return draft.build();
    }

    /** Claims that nothing prepared (an empty P), and half the time that nothing pre-prepared either. */
    ViewChange nothingPrepared(ViewChange truth) {
        Draft draft = new Draft(truth);
        draft.prepared.clear();
        if (random.nextBoolean()) {
            draft.prePrepared.clear();
        }
        return draft.build();
    }

    /**
     * Claims a stable checkpoint one or more intervals older than its own, dropping what the lower
     * window no longer holds, and half the time its newest checkpoint too. At {@code h = 0} there
     * is nothing older: the lie is a {@link #wrongCheckpointDigest} instead.
     */
    ViewChange staleCheckpoint(ViewChange truth) {
        long stable = truth.stableSequence();
        if (stable < checkpointInterval) {
            return wrongCheckpointDigest(truth);
        }
        Draft draft = new Draft(truth);
        draft.stable = stable - (1 + random.nextLong(stable / checkpointInterval)) * checkpointInterval;
        long top = draft.stable + logWindow;
        draft.checkpoints.tailMap(top, false).clear();
        draft.prepared.tailMap(top, false).clear();
        draft.prePrepared.tailMap(top, false).clear();
        if (draft.checkpoints.size() > 1 && random.nextBoolean()) {
            draft.checkpoints.pollLastEntry();
        }
        return draft.build();
    }

    /** Lists one of its checkpoints (its stable one, if C is empty) with a digest of its invention. */
    ViewChange wrongCheckpointDigest(ViewChange truth) {
        Draft draft = new Draft(truth);
        List<Long> sequences = new ArrayList<>(draft.checkpoints.keySet());
        long sequence = sequences.isEmpty() ? truth.stableSequence() : sequences.get(random.nextInt(sequences.size()));
        draft.checkpoints.put(sequence, invented());
        return draft.build();
    }

    /** A message that breaks one rule of the validation, drawn from {@link #malformations}. */
    ViewChange malformed(ViewChange truth) {
        return malformed(truth, malformations.get(random.nextInt(malformations.size())));
    }

    /** A message that {@link ViewChangeValidation} rejects for exactly {@code reason}. */
    ViewChange malformed(ViewChange truth, ViewChangeRejectReason reason) {
        if (!malformations.contains(reason)) {
            throw new IllegalArgumentException("cannot forge a VIEW-CHANGE rejected for " + reason);
        }
        return switch (reason) {
            case STABLE_SEQUENCE_NOT_AT_INTERVAL, CHECKPOINTS_NOT_SORTED, CHECKPOINT_NOT_AT_INTERVAL,
                    CHECKPOINT_OUTSIDE_WINDOW -> withBrokenCheckpoints(truth, reason);
            case PREPARED_NOT_SORTED, PREPARED_OUTSIDE_WINDOW, PREPARED_VIEW_NOT_BELOW_NEW_VIEW ->
                    withBrokenPrepared(somePrepared(truth), reason);
            case PREPARED_NOT_PRE_PREPARED -> withoutPrePrepareBehindPrepared(somePrepared(truth));
            case PRE_PREPARED_NOT_SORTED, PRE_PREPARED_OUTSIDE_WINDOW ->
                    withBrokenPrePrepared(somePrePrepared(truth), reason);
            case PRE_PREPARED_ENTRY_EMPTY, PRE_PREPARED_ENTRY_TOO_LARGE, PRE_PREPARED_DUPLICATE_DIGEST,
                    PRE_PREPARED_VIEW_NOT_BELOW_NEW_VIEW -> withBrokenPairs(somePrePrepared(truth), reason);
            case WRONG_NEW_VIEW, REPLICA_OUT_OF_RANGE -> throw new AssertionError("excluded above: " + reason);
        };
    }

    private ViewChange withBrokenCheckpoints(ViewChange truth, ViewChangeRejectReason reason) {
        long stable = truth.stableSequence();
        return switch (reason) {
            case STABLE_SEQUENCE_NOT_AT_INTERVAL -> new ViewChange(truth.newView(), stable + 1, truth.checkpoints(),
                    truth.prepared(), truth.prePrepared(), truth.replica());
            case CHECKPOINTS_NOT_SORTED -> withLists(truth, duplicateFirst(truth.checkpoints().isEmpty()
                    ? List.of(new CheckpointEntry(stable, invented())) : truth.checkpoints()), truth.prepared(),
                    truth.prePrepared());
            case CHECKPOINT_NOT_AT_INTERVAL -> withCheckpointAt(truth, stable + 1, false);
            case CHECKPOINT_OUTSIDE_WINDOW -> withCheckpointAt(truth, stable + logWindow + checkpointInterval, true);
            default -> throw new IllegalArgumentException("not a C rule: " + reason);
        };
    }

    private ViewChange withBrokenPrepared(ViewChange base, ViewChangeRejectReason reason) {
        List<PreparedEntry> prepared = new ArrayList<>(base.prepared());
        switch (reason) {
            case PREPARED_NOT_SORTED -> prepared = duplicateFirst(prepared);
            case PREPARED_OUTSIDE_WINDOW -> prepared = withLastReplaced(prepared,
                    last -> new PreparedEntry(aboveWindow(base), last.digest(), last.view()));
            case PREPARED_VIEW_NOT_BELOW_NEW_VIEW -> {
                int index = random.nextInt(prepared.size());
                PreparedEntry entry = prepared.get(index);
                prepared.set(index, new PreparedEntry(entry.sequence(), entry.digest(), base.newView()));
            }
            default -> throw new IllegalArgumentException("not a P rule: " + reason);
        }
        return withLists(base, base.checkpoints(), prepared, base.prePrepared());
    }

    private ViewChange withBrokenPrePrepared(ViewChange base, ViewChangeRejectReason reason) {
        List<PrePreparedEntry> prePrepared = new ArrayList<>(base.prePrepared());
        switch (reason) {
            case PRE_PREPARED_NOT_SORTED -> prePrepared = duplicateFirst(prePrepared);
            case PRE_PREPARED_OUTSIDE_WINDOW -> prePrepared = withLastReplaced(prePrepared,
                    last -> new PrePreparedEntry(aboveWindow(base), last.digestViews()));
            default -> throw new IllegalArgumentException("not a Q entry rule: " + reason);
        }
        return withLists(base, base.checkpoints(), base.prepared(), prePrepared);
    }

    /** {@code h + L + 1}: the first sequence number above the window, above every entry of a well-formed message. */
    private long aboveWindow(ViewChange base) {
        return base.stableSequence() + logWindow + 1;
    }

    /** The truth if it has P entries, else one with a forged one. */
    private ViewChange somePrepared(ViewChange truth) {
        return truth.prepared().isEmpty() ? forgedPrepared(truth) : truth;
    }

    /** The truth if it has Q entries, else one with forged ones. */
    private ViewChange somePrePrepared(ViewChange truth) {
        return truth.prePrepared().isEmpty() ? forgedPrePrepared(truth) : truth;
    }

    /** Adds a checkpoint at {@code sequence}, replacing the newest one if {@code replaceNewest} (so C never grows). */
    private ViewChange withCheckpointAt(ViewChange truth, long sequence, boolean replaceNewest) {
        Draft draft = new Draft(truth);
        if (replaceNewest && !draft.checkpoints.isEmpty()) {
            draft.checkpoints.pollLastEntry();
        }
        draft.checkpoints.put(sequence, invented());
        return draft.build();
    }

    /** Takes away the Q pair behind one P entry (and its Q entry, if that leaves it empty). */
    private ViewChange withoutPrePrepareBehindPrepared(ViewChange base) {
        PreparedEntry entry = base.prepared().get(random.nextInt(base.prepared().size()));
        Draft draft = new Draft(base);
        List<DigestView> pairs = draft.pairsAt(entry.sequence());
        pairs.removeIf(pair -> pair.digest().equals(entry.digest()));
        if (pairs.isEmpty()) {
            draft.prePrepared.remove(entry.sequence());
        }
        return draft.build();
    }

    private ViewChange withBrokenPairs(ViewChange base, ViewChangeRejectReason reason) {
        List<PrePreparedEntry> prePrepared = new ArrayList<>(base.prePrepared());
        int index = random.nextInt(prePrepared.size());
        List<DigestView> pairs = new ArrayList<>(prePrepared.get(index).digestViews());
        switch (reason) {
            case PRE_PREPARED_ENTRY_EMPTY -> pairs.clear();
            case PRE_PREPARED_ENTRY_TOO_LARGE -> {
                while (pairs.size() <= pairsMax) {
                    pairs.add(new DigestView(invented(), random.nextLong(base.newView())));
                }
            }
            case PRE_PREPARED_DUPLICATE_DIGEST -> pairs = duplicateFirst(pairs);
            case PRE_PREPARED_VIEW_NOT_BELOW_NEW_VIEW -> {
                int broken = random.nextInt(pairs.size());
                pairs.set(broken, new DigestView(pairs.get(broken).digest(), base.newView()));
            }
            default -> throw new IllegalArgumentException("not a Q pair rule: " + reason);
        }
        prePrepared.set(index, new PrePreparedEntry(prePrepared.get(index).sequence(), pairs));
        return withLists(base, base.checkpoints(), base.prepared(), prePrepared);
    }

    /** {@code list} with its last element replaced by what {@code replace} makes of it. */
    private static <T> List<T> withLastReplaced(List<T> list, UnaryOperator<T> replace) {
        List<T> copy = new ArrayList<>(list);
        copy.set(copy.size() - 1, replace.apply(copy.get(copy.size() - 1)));
        return copy;
    }

    /**
     * The first element twice at the front, in place of the second when there is one (so the list
     * never grows past a wire limit a correct message may already reach).
     */
    private static <T> List<T> duplicateFirst(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        if (copy.size() >= 2) {
            copy.set(1, copy.get(0));
        } else {
            copy.add(copy.get(0));
        }
        return copy;
    }

    private static ViewChange withLists(ViewChange truth, List<CheckpointEntry> checkpoints,
                                        List<PreparedEntry> prepared, List<PrePreparedEntry> prePrepared) {
        return new ViewChange(truth.newView(), truth.stableSequence(), checkpoints, prepared, prePrepared,
                truth.replica());
    }

    /** A sequence number in {@code (h, h + L]}. */
    private long inWindow(long stable) {
        return stable + 1 + random.nextLong(logWindow);
    }

    Digest invented() {
        byte[] bytes = new byte[Digest.LENGTH];
        random.nextBytes(bytes);
        return Digest.of(bytes);
    }

    /** A VIEW-CHANGE taken apart into sorted maps, so that a lie that edits it stays sorted. */
    private static final class Draft {

        private final ViewChange truth;
        long stable;
        final TreeMap<Long, Digest> checkpoints = new TreeMap<>();
        final TreeMap<Long, PreparedEntry> prepared = new TreeMap<>();
        final TreeMap<Long, List<DigestView>> prePrepared = new TreeMap<>();

        Draft(ViewChange truth) {
            this.truth = truth;
            stable = truth.stableSequence();
            truth.checkpoints().forEach(entry -> checkpoints.put(entry.sequence(), entry.digest()));
            truth.prepared().forEach(entry -> prepared.put(entry.sequence(), entry));
            truth.prePrepared().forEach(entry ->
                    prePrepared.put(entry.sequence(), new ArrayList<>(entry.digestViews())));
        }

        /** The Q pairs at {@code sequence}, for editing; an empty entry is left out when built. */
        List<DigestView> pairsAt(long sequence) {
            return prePrepared.computeIfAbsent(sequence, s -> new ArrayList<>());
        }

        ViewChange build() {
            List<CheckpointEntry> c = new ArrayList<>();
            checkpoints.forEach((sequence, digest) -> c.add(new CheckpointEntry(sequence, digest)));
            List<PrePreparedEntry> q = new ArrayList<>();
            prePrepared.forEach((sequence, pairs) -> {
                if (!pairs.isEmpty()) {
                    q.add(new PrePreparedEntry(sequence, pairs));
                }
            });
            return new ViewChange(truth.newView(), stable, c, new ArrayList<>(prepared.values()), q, truth.replica());
        }
    }
}
