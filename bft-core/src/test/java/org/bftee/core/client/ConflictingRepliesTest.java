package org.bftee.core.client;

import static org.bftee.core.client.ClientScenario.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bftee.core.client.RecordingOutbox.TimerCancelled;
import org.bftee.core.protocol.ProtocolTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conflicting-replies failure: reported exactly when the committed replies prove more than
 * {@code f} replicas faulty, that is when more than {@code f} committed replies disagree with
 * every result among them.
 */
class ConflictingRepliesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void committedRepliesWithMoreThanFDissentersForEveryResultEndInAConflict(int f) {
        ClientScenario group = ClientScenario.group(f);
        long timestamp = group.readWrite("op");
        for (int replica = 0; replica <= f; replica++) {
            group.from(replica).says("R" + replica);
        }
        assertEquals(List.of(), group.listener.outcomes, "f dissenters from the true result may all be faulty");
        group.outbox.take();
        group.from(f + 1).says("R" + (f + 1));

        assertEquals(1, group.conflicts().size());
        RecordingListener.Outcome conflict = group.conflicts().get(0);
        assertEquals(0, conflict.lane());
        assertEquals(timestamp, conflict.timestamp());
        assertTrue(conflict.conflictEvidence().contains((f + 2) + " distinct results"), conflict.conflictEvidence());
        assertFalse(group.core.isBusy(0));
        assertEquals(List.of(new TimerCancelled(ProtocolTimer.CLIENT_RETRANSMIT)), group.outbox.take());
        assertEquals(1, group.core.counters().conflicts());

        group.from(f + 2).says("R0");
        assertEquals(1, group.listener.outcomes.size(), "nothing after the failure");
    }

    @Test
    void pairsOfAgreeingCommittedRepliesEndInAConflictWhenFIsTwo() {
        ClientScenario group = ClientScenario.group(2);
        group.readWrite("op");
        String[] said = {"A", "A", "B", "B"};
        for (int replica = 0; replica < said.length; replica++) {
            group.from(replica).says(said[replica]);
        }
        assertEquals(List.of(), group.listener.outcomes, "two dissenters from A (or B) may both be faulty");
        group.from(4).says("C");
        assertEquals(1, group.conflicts().size(), "three dissenters from every result: more than f = 2 are faulty");
        assertEquals(List.of(), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void fFaultyReplicasAgreeingOnALieCannotCauseAConflictOrAWrongResult(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int replica = 0; replica < f; replica++) {
            group.from(replica).says("LIE");
        }
        for (int replica = f; replica <= 2 * f; replica++) {
            group.from(replica).says("A");
        }
        assertEquals(List.of(bytes("A")), group.results());
        assertEquals(List.of(), group.conflicts());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void tentativeRepliesThatDisagreeAreNeverAConflict(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int replica = 0; replica < 3 * f + 1; replica++) {
            group.from(replica).tentative().inView(replica % 2).says("R" + replica);
        }
        assertEquals(List.of(), group.listener.outcomes, "a view change may still reconcile them");
        assertTrue(group.core.isBusy(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void conflictingReadOnlyRepliesFallBackInsteadOfFailing(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readOnly("get x");
        for (int replica = 0; replica < 3 * f + 1; replica++) {
            group.from(replica).at(group.core.outstandingTimestamp(0).orElseThrow()).says("R" + replica);
            if (group.core.counters().readOnlyFallbacks() > 0) {
                break;
            }
        }
        assertEquals(1, group.core.counters().readOnlyFallbacks());
        assertEquals(List.of(), group.conflicts());
    }
}
