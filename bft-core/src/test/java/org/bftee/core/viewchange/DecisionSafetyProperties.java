package org.bftee.core.viewchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Decision;
import org.bftee.core.message.ViewChange;
import org.bftee.core.viewchange.NewViewDecision.Decided;
import org.bftee.core.viewchange.NewViewDecision.Undecided;

/**
 * Safety of the decision procedure against a random {@link ProtocolTruth}: views of history in
 * which batches committed, then a view change in which the new primary accepted {@code 2f + 1} to
 * {@code n} VIEW-CHANGE messages, those of up to {@code f} faulty replicas built by a
 * {@link ProtocolTruth.Lie} (malformed ones are dropped by {@link ViewChangeValidation}, as the
 * replica does). Whenever the procedure decides {@code (h*, d*)} and X:
 * <ol>
 * <li>{@code d*} is the true state digest at {@code h*}, and every batch up to {@code h*} committed
 *     (so the checkpoint holds every commit at or below it);</li>
 * <li>at most {@code f} correct replicas have a stable checkpoint above {@code h*} (so {@code h*} is
 *     at least the stable checkpoint of {@code f + 1} correct replicas);</li>
 * <li>every committed {@code (s, d)} with {@code s > h*} is in X as {@code d};</li>
 * <li>X lies in {@code (h*, h* + L]} and every batch in it passed A3;</li>
 * <li>the same messages in any order give the same result.</li>
 * </ol>
 */
class DecisionSafetyProperties {

    @Property(tries = 2000)
    void noCommittedBatchIsLostWhenTheProcedureDecides(@ForAll @IntRange(min = 1, max = 2) int f,
                                                      @ForAll long seed) {
        Random random = new Random(seed);
        ProtocolTruth truth = ProtocolTruth.generate(f, random);
        Map<Integer, ViewChange> accepted = acceptedSet(truth, random);
        Set<Digest> lacking = new HashSet<>();
        if (random.nextInt(5) == 0) {
            truth.committed.values().stream().filter(digest -> random.nextBoolean()).forEach(lacking::add);
        }
        Predicate<Digest> available = digest -> !lacking.contains(digest);
        DecisionProcedure procedure = new DecisionProcedure(truth.quorums, ProtocolTruth.L);

        NewViewDecision decision = procedure.decide(accepted, available);

        String context = truth + "accepted " + accepted.keySet() + "\n-> " + decision;
        Statistics.label("outcome").collect(decision instanceof Undecided undecided
                ? undecided.reason().name() : "DECIDED");
        assertEquals(decision, procedure.decide(reversed(accepted), available), "order matters\n" + context);
        if (decision instanceof Decided decided) {
            checkSafety(truth, decided, available, context);
        }
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("DECIDED").percentage(p -> p > 40);
            coverage.check("SEQUENCE_UNDECIDED").count(c -> c > 0);
            coverage.check("NO_CHECKPOINT").count(c -> c > 0);
            coverage.check("MISSING_BATCHES").count(c -> c > 0);
        });
    }

    /** 2f + 1 to n replicas, any of them faulty; malformed messages are dropped as a replica would. */
    private static Map<Integer, ViewChange> acceptedSet(ProtocolTruth truth, Random random) {
        List<Integer> everyone = new ArrayList<>();
        for (int i = 0; i < truth.n; i++) {
            everyone.add(i);
        }
        Collections.shuffle(everyone, random);
        int size = truth.quorums.quorum() + random.nextInt(truth.n - truth.quorums.quorum() + 1);
        ViewChangeValidation validation = new ViewChangeValidation(truth.quorums, ProtocolTruth.LIMITS);
        Map<Integer, ViewChange> accepted = new TreeMap<>();
        for (int j : everyone.subList(0, size)) {
            boolean isFaulty = truth.faulty.contains(j);
            ViewChange message = isFaulty ? truth.faultyViewChange(j) : truth.correctViewChange(j);
            Optional<ViewChangeRejectReason> reason = validation.check(message, truth.newView);
            boolean mustBeRejected = isFaulty && truth.lieOf(j) == ProtocolTruth.Lie.MALFORMED;
            assertEquals(mustBeRejected, reason.isPresent(), "validation of " + j + ": " + reason + " " + message
                    + "\n" + truth);
            if (reason.isEmpty()) {
                accepted.put(j, message);
            }
        }
        return accepted;
    }

    private static void checkSafety(ProtocolTruth truth, Decided decided, Predicate<Digest> available,
                                    String context) {
        long low = decided.checkpoint().sequence();
        assertTrue(low <= truth.committedPrefix(), "checkpoint above the committed prefix\n" + context);
        assertEquals(truth.checkpointDigest(low), decided.checkpoint().digest(), "checkpoint digest\n" + context);

        long correctAbove = truth.stable.values().stream().filter(h -> h > low).count();
        assertTrue(correctAbove <= truth.f, correctAbove + " correct replicas are stable above h*\n" + context);

        Map<Long, Digest> chosen = new TreeMap<>();
        decided.decisions().forEach(decision -> chosen.put(decision.sequence(), decision.digest()));
        truth.committed.tailMap(low, false).forEach((sequence, digest) ->
                assertEquals(digest, chosen.get(sequence), "committed batch at " + sequence + " lost\n" + context));

        assertTrue(decided.lastSequence() <= low + ProtocolTruth.L, "decisions beyond the window\n" + context);
        for (Decision decision : decided.decisions()) {
            assertTrue(decision.isNullRequest() || available.test(decision.digest()), "A3\n" + context);
        }
        Statistics.label("committed above h*").collect(truth.committed.tailMap(low, false).isEmpty() ? "none" : "some");
    }

    private static Map<Integer, ViewChange> reversed(Map<Integer, ViewChange> accepted) {
        List<Integer> keys = new ArrayList<>(accepted.keySet());
        Collections.reverse(keys);
        Map<Integer, ViewChange> reversed = new LinkedHashMap<>();
        keys.forEach(j -> reversed.put(j, accepted.get(j)));
        return reversed;
    }
}
