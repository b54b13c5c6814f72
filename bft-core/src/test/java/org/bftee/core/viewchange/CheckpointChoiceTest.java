package org.bftee.core.viewchange;

import static org.bftee.core.viewchange.ViewChangeScenario.K;
import static org.bftee.core.viewchange.ViewChangeScenario.checkpoint;
import static org.bftee.core.viewchange.ViewChangeScenario.decided;
import static org.bftee.core.viewchange.ViewChangeScenario.replicas;
import static org.bftee.core.viewchange.ViewChangeScenario.undecided;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bftee.core.viewchange.NewViewDecision.UndecidedReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checkpoint rule of the decision procedure (PROTOCOL.md, "Checkpoint"): the highest
 * {@code (h*, d)} listed in C by {@code f + 1} messages, with {@code 2f + 1} messages at or below it.
 */
class CheckpointChoiceTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aGroupThatNeverCheckpointedStartsFromTheInitialState(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        group.each(replicas(0, group.quorums.quorum()), r -> r.stable(0).checkpoint(0, "initial"));

        var decided = decided(group.decide());

        assertEquals(checkpoint(0, "initial"), decided.checkpoint());
        assertEquals(List.of(), decided.decisions());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theHighestCheckpointWithAWeakCertificateIsChosenAlthoughNotYetStable(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int quorum = group.quorums.quorum();
        group.each(replicas(0, quorum), r -> r.stable(0).checkpoint(0, "initial"))
                .each(replicas(0, f + 1), r -> r.checkpoint(K, "state-K"));

        assertEquals(checkpoint(K, "state-K"), decided(group.decide()).checkpoint());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCheckpointListedByOnlyFMessagesMayBeALieAndIsNotChosen(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int quorum = group.quorums.quorum();
        group.each(replicas(0, quorum), r -> r.stable(0).checkpoint(0, "initial"))
                .each(replicas(0, f), r -> r.checkpoint(K, "state-K"));

        assertEquals(checkpoint(0, "initial"), decided(group.decide()).checkpoint());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCheckpointNeedsAQuorumOfMessagesAtOrBelowIt(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        // f + 1 replicas are behind at 0 and hold K; f are ahead at 2K, which only they hold.
        group.each(replicas(0, f + 1), r -> r.stable(0).checkpoint(0, "initial").checkpoint(K, "state-K"))
                .each(replicas(f + 1, 2 * f + 1), r -> r.stable(2 * K).checkpoint(2 * K, "state-2K"));

        assertEquals(UndecidedReason.NO_CHECKPOINT, undecided(group.decide()).reason(),
                "0 and K have f + 1 listings but only f + 1 messages at or below; 2K has f listings");

        group.one(2 * f + 1, r -> r.stable(2 * K).checkpoint(2 * K, "state-2K"));
        assertEquals(checkpoint(2 * K, "state-2K"), decided(group.decide()).checkpoint(),
                "one more message lists 2K: f + 1 listings, and every message is at or below it");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void faultyReplicasListingABogusHighCheckpointAreIgnored(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        group.each(replicas(0, n - f), r -> r.stable(K).checkpoint(K, "state-K"))
                .each(replicas(n - f, n), r -> r.stable(K).checkpoint(K, "state-K")
                        .checkpoint(2 * K, "bogus-2K").checkpoint(3 * K, "bogus-3K"));

        assertEquals(checkpoint(K, "state-K"), decided(group.decide()).checkpoint());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void faultyReplicasListingABogusDigestForARealCheckpointAreIgnored(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int quorum = group.quorums.quorum();
        // The faulty ones are listed first: tie-breaks by digest must not favour either.
        group.each(replicas(0, f), r -> r.stable(0).checkpoint(0, "initial").checkpoint(K, "bogus-K"))
                .each(replicas(f, quorum), r -> r.stable(0).checkpoint(0, "initial").checkpoint(K, "state-K"));

        assertEquals(checkpoint(K, "state-K"), decided(group.decide()).checkpoint());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void faultyReplicasClaimingALowStableCheckpointCannotPullTheChoiceDown(int f) {
        ViewChangeScenario group = ViewChangeScenario.group(f);
        int n = group.n();
        group.each(replicas(0, n - f), r -> r.stable(2 * K).checkpoint(2 * K, "state-2K"))
                .each(replicas(n - f, n), r -> r.stable(0).checkpoint(0, "initial"));

        assertEquals(checkpoint(2 * K, "state-2K"), decided(group.decide()).checkpoint());
    }
}
