package org.bftee.core.client;

import static org.bftee.core.client.ClientScenario.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When a client accepts a read-write result (PROTOCOL.md, "Normal case" step 6 and "Tentative
 * execution"), for f = 1 and f = 2. Replies are full unless said otherwise, so digest replies
 * play no part here.
 */
class ReplyCertificateRulesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aClientAcceptsAResultWithFPlusOneMatchingCommittedReplies(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int replica = 0; replica < f; replica++) {
            group.from(replica).says("A");
        }
        assertEquals(List.of(), group.results(), "f committed replies may all come from faulty replicas");
        group.from(f).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void committedRepliesMatchAcrossViews(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int replica = 0; replica <= f; replica++) {
            group.from(replica).inView(replica).says("A");
        }
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void fPlusOneCommittedRepliesWithDifferentResultsAreNoCertificate(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int replica = 0; replica < f; replica++) {
            group.from(replica).says("A");
        }
        group.from(f).says("B");
        assertEquals(List.of(), group.listener.outcomes);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aClientAcceptsATentativeResultWithTwoFPlusOneMatchingTentativeReplies(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int replica = 0; replica < 2 * f; replica++) {
            group.from(replica).tentative().inView(3).says("A");
        }
        assertEquals(List.of(), group.results(), "2f tentative replies are not enough");
        group.from(2 * f).tentative().inView(3).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void tentativeRepliesFromDifferentViewsDoNotMatch(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int replica = 0; replica < 2 * f; replica++) {
            group.from(replica).tentative().inView(3).says("A");
        }
        group.from(2 * f).tentative().inView(4).says("A");
        assertEquals(List.of(), group.results(), "a view change may have rolled one of them back");
        group.from(2 * f + 1).tentative().inView(3).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void tentativeAndCommittedRepliesMixTowardsTwoFPlusOne(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        // f committed (not yet f + 1) in another view, and f + 1 tentative in view 2: 2f + 1 in all.
        for (int replica = 0; replica < f; replica++) {
            group.from(replica).inView(1).says("A");
        }
        for (int replica = f; replica < 2 * f; replica++) {
            group.from(replica).tentative().inView(2).says("A");
        }
        assertEquals(List.of(), group.results());
        group.from(2 * f).tentative().inView(2).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void duplicateRepliesFromOneReplicaAreCountedOnce(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int copy = 0; copy < 3 * f + 1; copy++) {
            group.from(0).says("A");
        }
        for (int replica = 1; replica < f; replica++) {
            group.from(replica).says("A");
        }
        assertEquals(List.of(), group.results());
        assertEquals(3 * f, group.core.counters().drops(ClientDropReason.DUPLICATE));
        assertEquals(f, group.core.repliesCounted(0));
        group.from(f).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aReplicasCommittedReplyReplacesItsTentativeOne(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        // Tentative B in view 0, rolled back by a view change; A committed in view 1.
        for (int replica = 0; replica <= f; replica++) {
            group.from(replica).tentative().says("B");
        }
        for (int replica = 0; replica < f; replica++) {
            group.from(replica).inView(1).says("A");
        }
        assertEquals(List.of(), group.results());
        assertEquals(f + 1, group.core.repliesCounted(0), "replaced, not added");
        group.from(f).inView(1).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aTentativeReplyArrivingAfterTheSameReplicasCommittedOneIsSuperseded(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        group.from(0).inView(1).says("A");
        group.from(0).tentative().inView(1).says("B");
        assertEquals(1, group.core.counters().drops(ClientDropReason.SUPERSEDED));
        for (int replica = 1; replica <= f; replica++) {
            group.from(replica).inView(1).says("A");
        }
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aTentativeReplyFromAnEarlierViewDoesNotReplaceALaterOne(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        group.from(0).tentative().inView(4).says("A");
        group.from(0).tentative().inView(3).says("B");
        assertEquals(1, group.core.counters().drops(ClientDropReason.SUPERSEDED));
        for (int replica = 1; replica <= 2 * f; replica++) {
            group.from(replica).tentative().inView(4).says("A");
        }
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aReplicaThatChangesItsCommittedResultKeepsOnlyItsLatestVote(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        // A faulty replica says A, then B: it must not count for both.
        group.from(0).says("A");
        group.from(0).says("B");
        for (int replica = 1; replica <= f; replica++) {
            group.from(replica).says("A");
        }
        assertFalse(group.results().contains(bytes("A")), "replica 0's first vote was counted");
        group.from(f + 1).says("A");
        assertTrue(group.results().contains(bytes("A")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void repliesForAnotherLaneCountOnlyThere(int f) {
        ClientScenario group = ClientScenario.group(f);
        long lane0 = group.invoke(0, "a", OperationKind.READ_WRITE);
        long lane1 = group.invoke(1, "b", OperationKind.READ_WRITE);
        for (int replica = 0; replica <= f; replica++) {
            group.from(replica).onLane(1).at(lane1).says("B");
        }
        assertEquals(List.of(new RecordingListener.Outcome(1, lane1, bytes("B"), null)), group.listener.outcomes);
        assertTrue(group.core.isBusy(0));
        assertEquals(lane0, group.core.outstandingTimestamp(0).orElseThrow());
    }
}
