package org.bftee.core.viewchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Decision;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.viewchange.NewViewDecision.Decided;
import org.bftee.core.viewchange.NewViewDecision.Undecided;
import org.bftee.core.viewchange.NewViewDecision.UndecidedReason;

/**
 * The decision procedure of the view change with MACs (PROTOCOL.md, "Decision procedure"; libbyz
 * {@code NV_info}): from the set S of VIEW-CHANGE messages the new primary accepted, the checkpoint
 * the new view starts from and what it pre-prepares again above it. A backup runs the same
 * procedure over the messages a NEW-VIEW names ({@link NewViewCheck}).
 *
 * <ul>
 * <li><b>Checkpoint.</b> The highest {@code (h*, d)} listed in C by at least {@code f + 1} messages
 *     with at least {@code 2f + 1} messages having {@code h <= h*}; ties at one {@code h*} (which
 *     need a lying correct replica, so never happen) go to the lowest digest.</li>
 * <li><b>Each {@code s} in {@code (h*, h* + L]}.</b> Batch {@code d} chosen with view {@code v}
 *     if some message has {@code (s, d, v)} in P and A1: {@code 2f + 1} messages have
 *     {@code h < s} and for {@code s} no P entry, one with a view below {@code v}, or
 *     {@code (d, v)} itself; A2: {@code f + 1} messages list {@code (d, v')}, {@code v' >= v},
 *     in Q for {@code s}. Otherwise the null request if {@code 2f + 1} messages have {@code h < s}
 *     and no P entry for {@code s}. Otherwise no decision yet.</li>
 * </ul>
 *
 * <p>Choices this class makes where the rule leaves room, each chosen so that the result is a
 * function of S alone and every replica computes the same one:
 * <ol>
 * <li>Several P entries may satisfy A1 and A2 at one {@code s} (the thesis proves any is safe):
 *     the highest view wins, then the lowest digest (unsigned bytes). A batch from P is preferred
 *     to the null request when both are possible, as in the thesis' order of the rules.</li>
 * <li>A3 (the primary holds or can fetch the batch) never changes a choice: a chosen batch the
 *     primary lacks makes the result {@link UndecidedReason#MISSING_BATCHES} until it is fetched,
 *     rather than falling back to the null request, which a backup holding the batch would not
 *     reproduce; it names the checkpoint chosen already, which a primary whose window lies below
 *     the missing batches must reach before it can hold them. Backups re-run the procedure with
 *     every batch available and fetch afterwards.</li>
 * <li><b>Range.</b> Every {@code s} in {@code (h*, h* + L]} must have a choice. The decisions
 *     listed run from {@code h* + 1} to the highest {@code s} chosen from a P entry, including a
 *     P entry for the null request, which may have committed. Above that every choice was the
 *     null request by the 2f + 1-without-P rule, so nothing committed there and the new primary
 *     may number fresh batches from the next sequence number on. Nothing committed above
 *     {@code h* + L}: a commit needs {@code f + 1} correct replicas that prepared, one of them among
 *     the correct ones with {@code h <= h*}, and it prepared only inside its window.</li>
 * </ol>
 *
 * <p>Cost: {@code O(L * |S|^2)} lookups per call, fine for groups of tens of replicas.
 */
public final class DecisionProcedure {

    /** Highest view first, then lowest digest: the order in which P entries are tried. */
    private static final Comparator<PreparedEntry> CANDIDATE_ORDER = Comparator
            .comparingLong(PreparedEntry::view).reversed()
            .thenComparing(PreparedEntry::digest, DecisionProcedure::compareDigests);

    /** Highest sequence number first, then lowest digest: the order in which checkpoints are tried. */
    private static final Comparator<CheckpointEntry> CHECKPOINT_ORDER = Comparator
            .comparingLong(CheckpointEntry::sequence).reversed()
            .thenComparing(CheckpointEntry::digest, DecisionProcedure::compareDigests);

    private final Quorums quorums;
    private final long logWindow;

    public DecisionProcedure(Quorums quorums, int logWindow) {
        this.quorums = Objects.requireNonNull(quorums, "quorums");
        if (logWindow <= 0) {
            throw new IllegalArgumentException("logWindow must be positive, got " + logWindow);
        }
        this.logWindow = logWindow;
    }

    /**
     * Decides over {@code accepted}: replica id to the one VIEW-CHANGE accepted from it, every one
     * for the same new view and every one passed by {@link ViewChangeValidation} (a message that
     * is not is a bug of the caller and throws).
     *
     * @param batchAvailable A3: whether the primary holds, or can fetch, the batch with a digest
     */
    public NewViewDecision decide(Map<Integer, ViewChange> accepted, Predicate<Digest> batchAvailable) {
        Objects.requireNonNull(batchAvailable, "batchAvailable");
        List<IndexedViewChange> messages = index(accepted);
        if (messages.size() < quorums.quorum()) {
            return Undecided.because(UndecidedReason.NOT_ENOUGH_VIEW_CHANGES);
        }
        Optional<CheckpointEntry> checkpoint = chooseCheckpoint(messages);
        if (checkpoint.isEmpty()) {
            return Undecided.because(UndecidedReason.NO_CHECKPOINT);
        }
        long low = checkpoint.get().sequence();
        // A correct replica's h* + L never overflows; saturate for arbitrary input.
        long high = low > Long.MAX_VALUE - logWindow ? Long.MAX_VALUE : low + logWindow;
        List<Decision> decisions = new ArrayList<>();
        long last = low;
        for (long sequence = low + 1; sequence <= high && sequence > low; sequence++) {
            Choice choice = choose(messages, sequence);
            if (choice == null) {
                return new Undecided(UndecidedReason.SEQUENCE_UNDECIDED, sequence, List.of(), null);
            }
            decisions.add(new Decision(sequence, choice.digest()));
            if (choice.fromPrepared()) {
                last = sequence;
            }
        }
        List<Decision> listed = decisions.subList(0, (int) (last - low));
        List<Decision> missing = listed.stream()
                .filter(decision -> !decision.isNullRequest() && !batchAvailable.test(decision.digest()))
                .toList();
        if (!missing.isEmpty()) {
            return new Undecided(UndecidedReason.MISSING_BATCHES, Undecided.NO_SEQUENCE, missing, checkpoint.get());
        }
        return new Decided(checkpoint.get(), listed);
    }

    private List<IndexedViewChange> index(Map<Integer, ViewChange> accepted) {
        // Sorted by replica id so that nothing below depends on the caller's map order.
        TreeMap<Integer, ViewChange> sorted = new TreeMap<>(accepted);
        List<IndexedViewChange> messages = new ArrayList<>(sorted.size());
        long newView = -1;
        for (Map.Entry<Integer, ViewChange> entry : sorted.entrySet()) {
            ViewChange message = entry.getValue();
            if (message.replica() != entry.getKey() || entry.getKey() < 0 || entry.getKey() >= quorums.n()) {
                throw new IllegalArgumentException("the VIEW-CHANGE under replica " + entry.getKey()
                        + " is from replica " + message.replica() + " in a group of " + quorums.n());
            }
            if (newView >= 0 && message.newView() != newView) {
                throw new IllegalArgumentException("VIEW-CHANGE messages for views " + newView + " and "
                        + message.newView() + " in one decision");
            }
            newView = message.newView();
            messages.add(IndexedViewChange.of(message));
        }
        return messages;
    }

    private Optional<CheckpointEntry> chooseCheckpoint(List<IndexedViewChange> messages) {
        TreeSet<CheckpointEntry> candidates = new TreeSet<>(CHECKPOINT_ORDER);
        messages.forEach(message -> candidates.addAll(message.message().checkpoints()));
        for (CheckpointEntry candidate : candidates) {
            long listing = messages.stream().filter(m -> m.checkpoints().contains(candidate)).count();
            long atOrBelow = messages.stream().filter(m -> m.stableSequence() <= candidate.sequence()).count();
            if (listing >= quorums.weak() && atOrBelow >= quorums.quorum()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The choice for {@code sequence}, or null when none is possible yet. */
    private Choice choose(List<IndexedViewChange> messages, long sequence) {
        List<PreparedEntry> candidates = messages.stream()
                .map(message -> message.preparedAt(sequence))
                .filter(Objects::nonNull)
                .distinct()
                .sorted(CANDIDATE_ORDER)
                .toList();
        for (PreparedEntry candidate : candidates) {
            if (conditionA1(messages, candidate) && conditionA2(messages, candidate)) {
                return new Choice(candidate.digest(), true);
            }
        }
        long withoutPrepared = messages.stream()
                .filter(m -> m.stableSequence() < sequence && m.preparedAt(sequence) == null)
                .count();
        return withoutPrepared >= quorums.quorum() ? new Choice(Digest.ZERO, false) : null;
    }

    /** {@code 2f + 1} messages with {@code h < s} whose P entry for {@code s} does not contradict the candidate. */
    private boolean conditionA1(List<IndexedViewChange> messages, PreparedEntry candidate) {
        long agreeing = messages.stream()
                .filter(m -> m.stableSequence() < candidate.sequence())
                .filter(m -> {
                    PreparedEntry own = m.preparedAt(candidate.sequence());
                    return own == null || own.view() < candidate.view() || own.equals(candidate);
                })
                .count();
        return agreeing >= quorums.quorum();
    }

    /** {@code f + 1} messages that pre-prepared the candidate's batch in its view or later. */
    private boolean conditionA2(List<IndexedViewChange> messages, PreparedEntry candidate) {
        long supporting = messages.stream()
                .filter(m -> m.prePreparedSince(candidate.sequence(), candidate.digest(), candidate.view()))
                .count();
        return supporting >= quorums.weak();
    }

    /** Unsigned lexicographic order of the digests' bytes: the same at every replica. */
    static int compareDigests(Digest left, Digest right) {
        return Arrays.compareUnsigned(left.toByteArray(), right.toByteArray());
    }

    /** A choice for one sequence number, and whether it came from a P entry (rule A) or not. */
    private record Choice(Digest digest, boolean fromPrepared) {
    }
}
