package org.bftee.core.viewchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Decision;
import org.bftee.core.message.NewView;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeRef;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.viewchange.NewViewDecision.Decided;
import org.bftee.core.viewchange.NewViewDecision.Undecided;

/**
 * A backup's check of a NEW-VIEW (PROTOCOL.md, "NEW-VIEW"): it obtains the VIEW-CHANGE messages
 * named in V, re-runs the {@link DecisionProcedure} over exactly those, and accepts only if it
 * reaches the same checkpoint and the same decisions.
 *
 * <p>The backup runs the procedure with every batch available: A3 is the primary's business and
 * never changes a choice, and the backup fetches missing batches after accepting.
 *
 * <p>What to do with each {@link Verdict}: {@code MISSING_VIEW_CHANGES} and {@code DIGEST_MISMATCH}
 * mean "obtain the named messages and check again" (the sender of a VIEW-CHANGE may have sent
 * different ones to different replicas); every other verdict but {@code ACCEPT} proves the new
 * primary faulty, and the backup moves on to the next view.
 */
public final class NewViewCheck {

    /** The outcome of a check. */
    public enum Verdict {
        ACCEPT,
        /** V names fewer than {@code 2f + 1} VIEW-CHANGE messages. */
        NOT_ENOUGH_VIEW_CHANGES,
        /** V names a replica id outside the group. */
        VIEW_CHANGE_REF_OUT_OF_RANGE,
        /** V names one replica twice. */
        DUPLICATE_VIEW_CHANGE_REF,
        /** The backup does not hold the VIEW-CHANGE of the listed replicas yet. */
        MISSING_VIEW_CHANGES,
        /** The VIEW-CHANGE held for the listed replicas has another digest than V names. */
        DIGEST_MISMATCH,
        /** The message held under a replica in V is another replica's VIEW-CHANGE. */
        SENDER_MISMATCH,
        /** A named VIEW-CHANGE is not well formed for this view (detail: the reason). */
        MALFORMED_VIEW_CHANGE,
        /** The procedure over the named messages decides nothing (detail: why). */
        UNDECIDED,
        /** The procedure chooses another checkpoint than the NEW-VIEW. */
        DIFFERENT_CHECKPOINT,
        /** The procedure chooses other decisions than the NEW-VIEW (detail: the first difference). */
        DIFFERENT_DECISION
    }

    /**
     * @param replicas the replicas the verdict is about, ascending (empty when it is about none)
     * @param detail   a human-readable explanation, empty for {@code ACCEPT}
     */
    public record Result(Verdict verdict, List<Integer> replicas, String detail) {

        public Result {
            Objects.requireNonNull(verdict, "verdict");
            replicas = List.copyOf(replicas);
            Objects.requireNonNull(detail, "detail");
        }

        static Result of(Verdict verdict, String detail) {
            return new Result(verdict, List.of(), detail);
        }

        public boolean accepted() {
            return verdict == Verdict.ACCEPT;
        }
    }

    private final Quorums quorums;
    private final ViewChangeValidation validation;
    private final DecisionProcedure procedure;

    public NewViewCheck(Quorums quorums, ProtocolLimits limits) {
        this.quorums = Objects.requireNonNull(quorums, "quorums");
        this.validation = new ViewChangeValidation(quorums, limits);
        this.procedure = new DecisionProcedure(quorums, limits.logWindow());
    }

    /**
     * Checks {@code newView} against the VIEW-CHANGE messages the backup holds.
     *
     * @param held     replica id to the VIEW-CHANGE the backup holds for it (received from it, or
     *                 obtained from anyone by the digest a NEW-VIEW names)
     * @param digestOf the digest by which VIEW-CHANGE-ACK and NEW-VIEW name a VIEW-CHANGE
     */
    public Result check(NewView newView, Map<Integer, ViewChange> held, Function<ViewChange, Digest> digestOf) {
        Optional<Result> problem = checkReferences(newView.viewChanges());
        if (problem.isEmpty()) {
            problem = checkHeld(newView, held, digestOf);
        }
        if (problem.isPresent()) {
            return problem.get();
        }
        Map<Integer, ViewChange> named = new TreeMap<>();
        newView.viewChanges().forEach(ref -> named.put(ref.replica(), held.get(ref.replica())));
        NewViewDecision decision = procedure.decide(named, digest -> true);
        if (decision instanceof Undecided undecided) {
            return Result.of(Verdict.UNDECIDED, undecided.reason() + (undecided.sequence() == Undecided.NO_SEQUENCE
                    ? "" : " at " + undecided.sequence()));
        }
        return compare(newView, (Decided) decision);
    }

    private Optional<Result> checkReferences(List<ViewChangeRef> refs) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (ViewChangeRef ref : refs) {
            if (ref.replica() >= quorums.n()) {
                return Optional.of(new Result(Verdict.VIEW_CHANGE_REF_OUT_OF_RANGE, List.of(ref.replica()),
                        "replica " + ref.replica() + " in a group of " + quorums.n()));
            }
            if (!seen.add(ref.replica())) {
                return Optional.of(new Result(Verdict.DUPLICATE_VIEW_CHANGE_REF, List.of(ref.replica()),
                        "replica " + ref.replica() + " named twice"));
            }
        }
        if (seen.size() < quorums.quorum()) {
            return Optional.of(Result.of(Verdict.NOT_ENOUGH_VIEW_CHANGES,
                    seen.size() + " named, " + quorums.quorum() + " needed"));
        }
        return Optional.empty();
    }

    private Optional<Result> checkHeld(NewView newView, Map<Integer, ViewChange> held,
                                       Function<ViewChange, Digest> digestOf) {
        List<ViewChangeRef> refs = new ArrayList<>(newView.viewChanges());
        refs.sort((left, right) -> Integer.compare(left.replica(), right.replica()));
        List<Integer> missing = refs.stream().map(ViewChangeRef::replica).filter(j -> !held.containsKey(j)).toList();
        if (!missing.isEmpty()) {
            return Optional.of(new Result(Verdict.MISSING_VIEW_CHANGES, missing, "not held yet"));
        }
        List<Integer> mismatched = refs.stream()
                .filter(ref -> !digestOf.apply(held.get(ref.replica())).equals(ref.digest()))
                .map(ViewChangeRef::replica)
                .toList();
        if (!mismatched.isEmpty()) {
            return Optional.of(new Result(Verdict.DIGEST_MISMATCH, mismatched, "held message has another digest"));
        }
        for (ViewChangeRef ref : refs) {
            ViewChange message = held.get(ref.replica());
            if (message.replica() != ref.replica()) {
                return Optional.of(new Result(Verdict.SENDER_MISMATCH, List.of(ref.replica()),
                        "named for replica " + ref.replica() + ", sent by replica " + message.replica()));
            }
            Optional<ViewChangeRejectReason> reason = validation.check(message, newView.newView());
            if (reason.isPresent()) {
                return Optional.of(new Result(Verdict.MALFORMED_VIEW_CHANGE, List.of(ref.replica()),
                        reason.get().name()));
            }
        }
        return Optional.empty();
    }

    private static Result compare(NewView newView, Decided decided) {
        if (!decided.checkpoint().equals(newView.checkpoint())) {
            return Result.of(Verdict.DIFFERENT_CHECKPOINT, "NEW-VIEW has " + newView.checkpoint()
                    + ", the procedure chooses " + decided.checkpoint());
        }
        List<Decision> expected = decided.decisions();
        List<Decision> claimed = newView.decisions();
        for (int i = 0; i < Math.max(expected.size(), claimed.size()); i++) {
            Decision mine = i < expected.size() ? expected.get(i) : null;
            Decision theirs = i < claimed.size() ? claimed.get(i) : null;
            if (!Objects.equals(mine, theirs)) {
                return Result.of(Verdict.DIFFERENT_DECISION,
                        "NEW-VIEW has " + theirs + ", the procedure chooses " + mine);
            }
        }
        return new Result(Verdict.ACCEPT, List.of(), "");
    }
}
