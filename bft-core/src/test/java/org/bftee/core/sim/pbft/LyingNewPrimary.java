package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Decision;
import org.bftee.core.message.Message;
import org.bftee.core.message.NewView;
import org.bftee.core.message.ViewChangeRef;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.sim.MessageInterceptor;

/**
 * A Byzantine new primary whose NEW-VIEW does not match the VIEW-CHANGE messages it names: to each
 * of its {@code victims} it sends a wrong checkpoint, a chosen batch replaced by the null request,
 * decisions cut short, a batch of its invention in place of a decision or past the last one, or a
 * V set naming too few messages, a digest no replica sent, or one replica twice; everyone else gets
 * the NEW-VIEW it built. Every lie is well formed and authentic, so only a backup that re-runs the
 * decision procedure over the named messages (PROTOCOL.md, "NEW-VIEW") catches it; one that trusts
 * the primary would execute a batch that never committed, or lose one that did.
 *
 * <p>{@link #sameLieToAll} tells every victim one lie per NEW-VIEW; {@link #ownLieToEach} draws a
 * lie per victim, so that victims disagree among themselves too. With victims that are only some
 * of the backups the primary equivocates: the others may enter the new view while the victims move
 * on to the next one. Lies are fixed per receiver and NEW-VIEW, so retransmissions repeat them.
 */
final class LyingNewPrimary implements MessageInterceptor {

    enum Lie {
        WRONG_CHECKPOINT_DIGEST,
        /** Another checkpoint sequence number, with the decisions renumbered to follow it. */
        WRONG_CHECKPOINT_SEQUENCE,
        /** A chosen batch replaced by the null request. */
        DROPPED_DECISION,
        TRUNCATED_DECISIONS,
        /** A decision's batch (or null request) replaced by a digest of its invention. */
        INVENTED_BATCH,
        /** One more decision past the last: a batch of its invention or the null request. */
        APPENDED_DECISION,
        TOO_FEW_VIEW_CHANGES,
        WRONG_VIEW_CHANGE_DIGEST,
        DUPLICATE_VIEW_CHANGE
    }

    private record Story(int receiver, NewView truth) {
    }

    private final Set<Integer> victims;
    private final boolean ownLieToEach;
    private final Quorums quorums;
    private final long logWindow;
    private final long checkpointInterval;
    private final SplittableRandom random;
    private final Map<Story, NewView> told = new HashMap<>();

    private LyingNewPrimary(Set<Integer> victims, boolean ownLieToEach, Quorums quorums, ProtocolLimits limits,
                            SplittableRandom random) {
        this.victims = Set.copyOf(victims);
        this.ownLieToEach = ownLieToEach;
        this.quorums = quorums;
        this.logWindow = limits.logWindow();
        this.checkpointInterval = limits.checkpointInterval();
        this.random = random;
    }

    /** Every victim gets the same lie (a new one per NEW-VIEW); the other replicas the truth. */
    static LyingNewPrimary sameLieToAll(Set<Integer> victims, Quorums quorums, ProtocolLimits limits,
                                        SplittableRandom random) {
        return new LyingNewPrimary(victims, false, quorums, limits, random);
    }

    /** Every victim gets a lie of its own; the other replicas the truth. */
    static LyingNewPrimary ownLieToEach(Set<Integer> victims, Quorums quorums, ProtocolLimits limits,
                                        SplittableRandom random) {
        return new LyingNewPrimary(victims, true, quorums, limits, random);
    }

    @Override
    public Message rewrite(int receiver, Message message) {
        if (!(message instanceof NewView newView) || !victims.contains(receiver)) {
            return message;
        }
        // With one lie for all, every victim's story is filed under one key, so they all get the first one drawn.
        int teller = ownLieToEach ? receiver : -1;
        return told.computeIfAbsent(new Story(teller, newView), story -> lie(newView, draw()));
    }

    private Lie draw() {
        return Lie.values()[random.nextInt(Lie.values().length)];
    }

    /** {@code truth} with {@code lie} told in it; a lie the truth leaves no room for becomes a related one. */
    NewView lie(NewView truth, Lie lie) {
        List<Decision> decisions = truth.decisions();
        List<Integer> nonNull = IntStream.range(0, decisions.size())
                .filter(i -> !decisions.get(i).isNullRequest()).boxed().toList();
        return switch (lie) {
            case WRONG_CHECKPOINT_DIGEST -> withCheckpoint(truth,
                    new CheckpointEntry(truth.checkpoint().sequence(), invented()), decisions);
            case WRONG_CHECKPOINT_SEQUENCE -> movedCheckpoint(truth);
            case DROPPED_DECISION -> nonNull.isEmpty() ? lie(truth, Lie.INVENTED_BATCH)
                    : withDecision(truth, nonNull.get(random.nextInt(nonNull.size())), Digest.ZERO);
            case TRUNCATED_DECISIONS -> decisions.isEmpty() ? lie(truth, Lie.APPENDED_DECISION)
                    : withDecisions(truth, decisions.subList(0, random.nextInt(decisions.size())));
            case INVENTED_BATCH -> decisions.isEmpty() ? lie(truth, Lie.APPENDED_DECISION)
                    : withDecision(truth, random.nextInt(decisions.size()), invented());
            case APPENDED_DECISION -> decisions.size() >= logWindow ? lie(truth, Lie.INVENTED_BATCH)
                    : appended(truth);
            case TOO_FEW_VIEW_CHANGES -> withRefs(truth, someRefs(truth.viewChanges(), quorums.quorum() - 1));
            case WRONG_VIEW_CHANGE_DIGEST -> {
                List<ViewChangeRef> refs = new ArrayList<>(truth.viewChanges());
                int index = random.nextInt(refs.size());
                refs.set(index, new ViewChangeRef(refs.get(index).replica(), invented()));
                yield withRefs(truth, refs);
            }
            case DUPLICATE_VIEW_CHANGE -> {
                List<ViewChangeRef> refs = new ArrayList<>(truth.viewChanges());
                int copied = random.nextInt(refs.size());
                int replaced = (copied + 1 + random.nextInt(refs.size() - 1)) % refs.size();
                refs.set(replaced, refs.get(copied));
                yield withRefs(truth, refs);
            }
        };
    }

    /** The checkpoint an interval later, or earlier where there is one, and the decisions moved with it. */
    private NewView movedCheckpoint(NewView truth) {
        long sequence = truth.checkpoint().sequence();
        long shift = sequence >= checkpointInterval && random.nextBoolean() ? -checkpointInterval : checkpointInterval;
        List<Decision> moved = truth.decisions().stream()
                .map(decision -> new Decision(decision.sequence() + shift, decision.digest()))
                .toList();
        return withCheckpoint(truth, new CheckpointEntry(sequence + shift, truth.checkpoint().digest()), moved);
    }

    private NewView appended(NewView truth) {
        List<Decision> decisions = new ArrayList<>(truth.decisions());
        long next = truth.checkpoint().sequence() + decisions.size() + 1;
        decisions.add(new Decision(next, random.nextBoolean() ? Digest.ZERO : invented()));
        return withDecisions(truth, decisions);
    }

    private NewView withDecision(NewView truth, int index, Digest digest) {
        List<Decision> decisions = new ArrayList<>(truth.decisions());
        decisions.set(index, new Decision(decisions.get(index).sequence(), digest));
        return withDecisions(truth, decisions);
    }

    /** {@code count} of {@code refs}, chosen at random, in their order. */
    private List<ViewChangeRef> someRefs(List<ViewChangeRef> refs, int count) {
        List<ViewChangeRef> kept = new ArrayList<>(refs);
        while (kept.size() > count) {
            kept.remove(random.nextInt(kept.size()));
        }
        return kept;
    }

    private static NewView withDecisions(NewView truth, List<Decision> decisions) {
        return withCheckpoint(truth, truth.checkpoint(), decisions);
    }

    private static NewView withCheckpoint(NewView truth, CheckpointEntry checkpoint, List<Decision> decisions) {
        return new NewView(truth.newView(), truth.viewChanges(), checkpoint, decisions);
    }

    private static NewView withRefs(NewView truth, List<ViewChangeRef> refs) {
        return new NewView(truth.newView(), refs, truth.checkpoint(), truth.decisions());
    }

    private Digest invented() {
        byte[] bytes = new byte[Digest.LENGTH];
        random.nextBytes(bytes);
        return Digest.of(bytes);
    }
}
