package org.bftee.core.viewchange;

import static org.bftee.core.viewchange.ViewChangeScenario.K;
import static org.bftee.core.viewchange.ViewChangeScenario.decided;
import static org.bftee.core.viewchange.ViewChangeScenario.decisions;
import static org.bftee.core.viewchange.ViewChangeScenario.replicas;
import static org.bftee.core.viewchange.ViewChangeScenario.undecided;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bftee.core.message.ViewChange;
import org.bftee.core.viewchange.NewViewDecision.Undecided;
import org.bftee.core.viewchange.NewViewDecision.UndecidedReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-sequence-number rules of the decision procedure (PROTOCOL.md, "Each s"): a batch from P
 * under A1, A2 and A3, the null request, waiting, and the range of the decisions.
 */
class SequenceChoiceTest {

    private static ViewChangeScenario atInitialState(int f, int messages) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        return group.each(replicas(0, messages), r -> r.stable(0).checkpoint(0, "initial"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void fewerThanAQuorumOfViewChangesDecidesNothing(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f);

        assertEquals(UndecidedReason.NOT_ENOUGH_VIEW_CHANGES, undecided(group.decide()).reason());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aBatchThatPreparedAtAQuorumIsChosen(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);
        group.each(replicas(0, 2 * f + 1), r -> r.prepared(1, "a", 2));

        assertEquals(decisions(1, "a"), decided(group.decide()).decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aBatchThatPreparedAtOneReplicaIsChosenWhenNothingContradictsIt(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);
        group.one(0, r -> r.prepared(1, "a", 2)).each(replicas(1, f + 1), r -> r.prePrepared(1, "a", 2));

        assertEquals(decisions(1, "a"), decided(group.decide()).decisions(),
                "A1: 2f + 1 messages without a contradicting P entry; A2: f + 1 pre-prepared it");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void conditionA1ABatchThatPreparedInAHigherViewWins(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);
        group.each(replicas(0, f), r -> r.prepared(1, "old", 1))
                .each(replicas(f, 2 * f + 1), r -> r.prepared(1, "new", 3));

        assertEquals(decisions(1, "new"), decided(group.decide()).decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void conditionA1ABatchIsNotChosenWhileTooFewMessagesAreBelowOrEqualToIt(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);
        // 2f replicas prepared a in view 2; one claims b prepared in view 3, which A2 rejects.
        group.one(0, r -> r.prepared(1, "b", 3)).each(replicas(1, 2 * f + 1), r -> r.prepared(1, "a", 2));

        Undecided undecided = undecided(group.decide());
        assertEquals(UndecidedReason.SEQUENCE_UNDECIDED, undecided.reason(),
                "a passes A2, but only 2f messages have no P entry above (a, 2)");
        assertEquals(1, undecided.sequence());

        group.one(2 * f + 1, r -> r.stable(0).checkpoint(0, "initial"));
        assertEquals(decisions(1, "a"), decided(group.decide()).decisions(),
                "one more message without a P entry for 1 completes A1 for a");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void conditionA2NeedsFPlusOneMessagesThatPrePreparedTheBatch(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);
        group.one(0, r -> r.prepared(1, "a", 2)).each(replicas(1, f), r -> r.prePrepared(1, "a", 2));

        Undecided undecided = undecided(group.decide());
        assertEquals(UndecidedReason.SEQUENCE_UNDECIDED, undecided.reason(),
                "only f messages pre-prepared a, and only 2f messages lack a P entry for the null request");
        assertEquals(1, undecided.sequence());

        group.one(f, r -> r.prePrepared(1, "a", 2));
        assertEquals(decisions(1, "a"), decided(group.decide()).decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void conditionA2CountsOnlyPrePreparesInTheBatchViewOrLater(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);
        group.one(0, r -> r.prepared(1, "a", 3)).each(replicas(1, f + 1), r -> r.prePrepared(1, "a", 2));

        assertEquals(UndecidedReason.SEQUENCE_UNDECIDED, undecided(group.decide()).reason(),
                "the others pre-prepared a in view 2, before the view 3 it claims to have prepared in");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void conditionA3ABatchThePrimaryLacksDelaysTheDecisionAndNeverTurnsNull(int f) {
        ViewChangeScenario group = atInitialState(f, 3 * f + 1);
        // Null is possible too (2f + 1 messages without P), yet a prepared batch is preferred.
        group.one(0, r -> r.prepared(1, "a", 2)).each(replicas(1, f + 1), r -> r.prePrepared(1, "a", 2))
                .primaryLacks("a");

        Undecided undecided = undecided(group.decide());
        assertEquals(UndecidedReason.MISSING_BATCHES, undecided.reason());
        assertEquals(decisions(1, "a"), undecided.missingBatches());
        // The checkpoint chosen already: a primary whose window lies below the batches moves there first.
        assertEquals(0, undecided.checkpoint().sequence());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theNullRequestIsChosenWhenAQuorumHasNoPreparedEntry(int f) {
        ViewChangeScenario group = atInitialState(f, 3 * f + 1);
        // Sequence number 2: nothing anywhere; 1: a quorum without P, the rest claims a batch that A2 rejects.
        group.each(replicas(0, f), r -> r.prepared(1, "x", 2)).one(0, r -> r.prepared(3, "c", 1))
                .each(replicas(0, f + 1), r -> r.prePrepared(3, "c", 1));

        assertEquals(decisions(1, "null", "null", "c"), decided(group.decide()).decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void trailingNullRequestsAreLeftOutSoTheNewPrimaryCanNumberFreshBatches(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);

        var decided = decided(group.decide());

        assertEquals(List.of(), decided.decisions(), "every sequence number chose null without any P entry");
        assertEquals(0, decided.lastSequence());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aNullRequestChosenFromPStaysInRangeBecauseItMayHaveCommitted(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);
        group.each(replicas(0, 2 * f + 1), r -> r.prepared(2, "null", 3));

        assertEquals(decisions(1, "null", "null"), decided(group.decide()).decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theRangeEndsAtTheWindowAboveTheChosenCheckpoint(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int quorum = group.quorums.quorum();
        group.each(replicas(0, quorum), r -> r.stable(K).checkpoint(K, "state-K")
                .prepared(K + 1, "first", 1).prepared(K + ViewChangeScenario.L, "last", 1));

        var decided = decided(group.decide());

        assertEquals(K + 1, decided.decisions().get(0).sequence());
        assertEquals(K + ViewChangeScenario.L, decided.lastSequence());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void messagesWhoseStableCheckpointCoversTheSequenceNumberDoNotCountForIt(int f) {
        ViewChangeScenario group = atInitialState(f, 2 * f + 1);
        // h* = 0. Replica 0 claims a batch at 1 that A2 rejects; one more replica is ahead at K.
        group.one(0, r -> r.prepared(1, "x", 2))
                .one(2 * f + 1, r -> r.stable(K).checkpoint(K, "state-K"));

        Undecided undecided = undecided(group.decide());
        assertEquals(UndecidedReason.SEQUENCE_UNDECIDED, undecided.reason(),
                "the replica at K has no P entry for 1, but it discarded 1: it cannot vouch for the null request");
        assertEquals(1, undecided.sequence());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void betweenTwoEligibleBatchesTheHigherViewThenTheLowerDigestWins(int f) {
        ViewChangeScenario group = atInitialState(f, 3 * f + 1);
        // At 1 two batches prepared in the same view (an equivocating primary) both pass A1 and A2.
        group.one(0, r -> r.prepared(1, "p", 2)).one(1, r -> r.prepared(1, "q", 2))
                .each(replicas(0, f + 1), r -> r.prePrepared(1, "p", 2).prePrepared(1, "q", 2));
        String lower = DecisionProcedure.compareDigests(ViewChangeBuilder.digest("p"),
                ViewChangeBuilder.digest("q")) < 0 ? "p" : "q";

        assertEquals(decisions(1, lower), decided(group.decide()).decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theResultDoesNotDependOnTheOrderOfTheAcceptedSet(int f) {
        ViewChangeScenario group = atInitialState(f, 3 * f + 1);
        group.one(0, r -> r.prepared(1, "p", 2)).one(1, r -> r.prepared(1, "q", 2))
                .each(replicas(0, f + 1), r -> r.prePrepared(1, "p", 2).prePrepared(1, "q", 2))
                .each(replicas(0, 2 * f + 1), r -> r.prepared(2, "b", 1));
        Map<Integer, ViewChange> sorted = group.viewChanges();
        Map<Integer, ViewChange> reversed = new LinkedHashMap<>();
        sorted.keySet().stream().sorted((a, b) -> b - a).forEach(j -> reversed.put(j, sorted.get(j)));

        NewViewDecision expected = group.procedure().decide(sorted, digest -> true);
        assertEquals(expected, group.procedure().decide(reversed, digest -> true));
        assertEquals(expected, group.procedure().decide(new HashMap<>(reversed), digest -> true));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void conditionA1CountsOnlyMessagesWhoseWindowStillHoldsTheSequenceNumber(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        // h* = 0 (only f messages list K). At 1: "high" prepared in view 2 at one replica, which
        // A2 rejects; "low" prepared in view 1 has A2, and A1 only if the f replicas at K counted.
        group.each(replicas(0, f), r -> r.stable(K).checkpoint(K, "state-K"))
                .each(replicas(f, n), r -> r.stable(0).checkpoint(0, "initial"))
                .one(f, r -> r.prepared(1, "high", 2))
                .each(replicas(f + 1, n), r -> r.prePrepared(1, "low", 1))
                .each(replicas(n - f, n), r -> r.prepared(1, "low", 1));

        Undecided undecided = undecided(group.decide());
        assertEquals(UndecidedReason.SEQUENCE_UNDECIDED, undecided.reason(),
                "2f messages with h < 1 support low: the replicas at K discarded 1 and do not count");
        assertEquals(1, undecided.sequence());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void betweenTwoEligibleBatchesInDifferentViewsTheHigherViewWins(int f) {
        ViewChangeScenario group = atInitialState(f, 3 * f + 1);
        // Both pass A1 (the one P entry in view 3 is a minority for the view 1 batch) and A2.
        group.one(0, r -> r.prepared(1, "newer", 3)).one(1, r -> r.prepared(1, "older", 1))
                .each(replicas(0, f + 1), r -> r.prePrepared(1, "newer", 3).prePrepared(1, "older", 1));

        assertEquals(decisions(1, "newer"), decided(group.decide()).decisions());
    }
}
