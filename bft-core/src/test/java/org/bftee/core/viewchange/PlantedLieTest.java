package org.bftee.core.viewchange;

import static org.bftee.core.viewchange.ViewChangeScenario.decided;
import static org.bftee.core.viewchange.ViewChangeScenario.decisions;
import static org.bftee.core.viewchange.ViewChangeScenario.replicas;
import static org.bftee.core.viewchange.ViewChangeScenario.undecided;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bftee.core.viewchange.NewViewDecision.Undecided;
import org.bftee.core.viewchange.NewViewDecision.UndecidedReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faulty replicas lie in their VIEW-CHANGE messages. In every scenario the faulty replicas are
 * the last {@code f}; the truth is about what prepared at the correct ones.
 */
class PlantedLieTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aForgedPreparedEntryForABatchThatNeverPreparedIsNotChosen(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        group.each(replicas(0, n), r -> r.stable(0).checkpoint(0, "initial"))
                .each(replicas(n - f, n), r -> r.prepared(1, "forged", 4));

        assertEquals(decisions(1), decided(group.decide()).decisions(),
                "with every message, 2f + 1 correct ones have no P entry: the null request, left out");

        ViewChangeScenario fewer = ViewChangeScenario.group(f);
        fewer.each(replicas(f, n), r -> r.stable(0).checkpoint(0, "initial"))
                .each(replicas(n - f, n), r -> r.prepared(1, "forged", 4));
        Undecided undecided = undecided(fewer.decide());
        assertEquals(UndecidedReason.SEQUENCE_UNDECIDED, undecided.reason(),
                "with f + 1 correct and f faulty messages the forgery passes A1 but not A2: wait");
        assertEquals(1, undecided.sequence());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aForgedBatchBackedByOneCorrectPrePrepareInAnOlderViewIsNotChosen(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        group.each(replicas(0, n), r -> r.stable(0).checkpoint(0, "initial"))
                .one(0, r -> r.prePrepared(1, "forged", 1))
                .each(replicas(n - f, n), r -> r.prepared(1, "forged", 4));

        assertEquals(decisions(1), decided(group.decide()).decisions(),
                "the correct replica pre-prepared it in view 1, not in view 4 or later");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCommittedBatchIsChosenWhenTheFaultyReplicasOmitIt(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        // Committed in view 2: prepared at 2f + 1 replicas, of which f faulty now say nothing.
        // Only f + 1 of those correct replicas are in the accepted set.
        group.each(replicas(f, n), r -> r.stable(0).checkpoint(0, "initial"))
                .each(replicas(f, 2 * f + 1), r -> r.prepared(1, "committed", 2));

        assertEquals(decisions(1, "committed"), decided(group.decide()).decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCommittedBatchIsChosenWhenTheFaultyReplicasClaimAnotherInALowerView(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        group.each(replicas(f, n), r -> r.stable(0).checkpoint(0, "initial"))
                .each(replicas(f, 2 * f + 1), r -> r.prepared(1, "committed", 2))
                .each(replicas(n - f, n), r -> r.prepared(1, "other", 1).prePrepared(1, "committed", 2));

        assertEquals(decisions(1, "committed"), decided(group.decide()).decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aLieInAHigherViewCanStallTheChoiceButNeverWinIt(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        // Committed in view 2 at f + 1 correct replicas and the f faulty ones, which now claim
        // another batch prepared in view 3 and back it with their own Q.
        group.each(replicas(f, 2 * f + 1), r -> r.stable(0).checkpoint(0, "initial").prepared(1, "committed", 2))
                .each(replicas(n - f, n), r -> r.stable(0).checkpoint(0, "initial").prepared(1, "other", 3));

        Undecided undecided = undecided(group.decide());
        assertEquals(UndecidedReason.SEQUENCE_UNDECIDED, undecided.reason(),
                "other passes A1 but not A2; committed fails A1 against the higher claim");

        group.each(replicas(0, f), r -> r.stable(0).checkpoint(0, "initial"));
        assertEquals(decisions(1, "committed"), decided(group.decide()).decisions(),
                "the other f correct replicas complete A1 for the committed batch");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void faultyReplicasCannotMakeABatchPassConditionA2Alone(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        // The faulty ones claim prepared and pre-prepared; one correct replica pre-prepared it
        // in view 4 too (an equivocating primary), but nothing prepared at a correct replica.
        group.each(replicas(0, n), r -> r.stable(0).checkpoint(0, "initial"))
                .each(replicas(n - f, n), r -> r.prepared(1, "equivocated", 4));

        assertEquals(decisions(1), decided(group.decide()).decisions());

        group.one(0, r -> r.prePrepared(1, "equivocated", 4));
        assertEquals(decisions(1, "equivocated"), decided(group.decide()).decisions(),
                "with one correct pre-prepare nothing committed at 1 (a quorum has no P), so either choice is safe");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aBatchPrePreparedInTheViewWhereAnotherCommittedIsNotChosen(int f) {
        // An equivocating primary in view 2: f + 1 correct replicas (and the f faulty ones)
        // prepared and committed one batch, the other f correct replicas pre-prepared another.
        // The faulty ones now claim the other prepared in view 2. It is named so that its digest
        // is the lower one, which the tie-break would prefer if A1 let it through.
        String[] names = {"batch 1", "batch 2"};
        boolean firstIsLower = DecisionProcedure.compareDigests(ViewChangeBuilder.digest(names[0]),
                ViewChangeBuilder.digest(names[1])) < 0;
        String lie = firstIsLower ? names[0] : names[1];
        String committed = firstIsLower ? names[1] : names[0];
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        group.each(replicas(0, n), r -> r.stable(0).checkpoint(0, "initial"))
                .each(replicas(0, f + 1), r -> r.prepared(1, committed, 2))
                .each(replicas(f + 1, 2 * f + 1), r -> r.prePrepared(1, lie, 2))
                .each(replicas(n - f, n), r -> r.prepared(1, lie, 2));

        assertEquals(decisions(1, committed), decided(group.decide()).decisions(),
                "the lie has A2 (2f pre-prepares) but a P entry for another batch in the same view is no support for A1");
    }
}
