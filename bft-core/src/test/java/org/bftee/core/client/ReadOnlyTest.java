package org.bftee.core.client;

import static org.bftee.core.client.ClientScenario.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bftee.core.client.RecordingOutbox.Multicast;
import org.bftee.core.client.RecordingOutbox.Sent;
import org.bftee.core.client.RecordingOutbox.TimerSet;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.ProtocolTimer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read-only optimization: multicast, {@code 2f + 1} matching replies, and the fallback to a
 * read-write request with a new timestamp.
 */
class ReadOnlyTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aReadOnlyRequestIsMulticastWithTheReadOnlyFlag(int f) {
        ClientScenario group = ClientScenario.group(f);
        long timestamp = group.readOnly("get x");
        List<RecordingOutbox.Effect> effects = group.outbox.take();
        Request request = ((Multicast) effects.get(0)).request();
        assertEquals(Request.READ_ONLY, request.flags());
        assertEquals(timestamp, request.timestamp());
        assertTrue(group.authenticToEveryReplica(request));
        assertEquals(new TimerSet(ProtocolTimer.CLIENT_RETRANSMIT, 500), effects.get(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aClientAcceptsAReadOnlyResultWithTwoFPlusOneMatchingRepliesButNotWithFPlusOneCommittedOnes(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readOnly("get x");
        for (int replica = 0; replica < 2 * f; replica++) {
            group.from(replica).says("1");
        }
        assertEquals(List.of(), group.results(), "2f committed replies certify a read-write result, not a read-only one");
        group.from(2 * f).says("1");
        assertEquals(List.of(bytes("1")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void readOnlyRepliesMatchWhateverTheirViewsAndFlags(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readOnly("get x");
        for (int replica = 0; replica <= 2 * f; replica++) {
            if (replica % 2 == 0) {
                group.from(replica).tentative().inView(replica).says("1");
            } else {
                group.from(replica).inView(replica).says("1");
            }
        }
        assertEquals(List.of(bytes("1")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aReadOnlyRequestFallsBackToReadWriteAfterAConcurrentWriteConflict(int f) {
        ClientScenario group = ClientScenario.group(f);
        long readOnly = group.readOnly("get x");
        // f + 1 replicas read before a concurrent write committed, f + 1 after it.
        for (int replica = 0; replica <= f; replica++) {
            group.from(replica).says("before");
        }
        for (int replica = f + 1; replica <= 2 * f; replica++) {
            group.from(replica).says("after");
        }
        group.outbox.take();
        assertEquals(0, group.core.counters().readOnlyFallbacks(), "2f + 1 was still possible");
        group.advance(100);
        group.from(2 * f + 1).says("after");

        List<RecordingOutbox.Effect> effects = group.outbox.take();
        Sent fallback = (Sent) effects.get(0);
        assertEquals(0, fallback.receiver(), "a read-write request goes to the primary");
        assertEquals(0, fallback.request().flags());
        assertEquals(bytes("get x"), fallback.request().operation());
        assertTrue(fallback.request().timestamp() > readOnly);
        assertTrue(group.authenticToEveryReplica(fallback.request()));
        assertEquals(new TimerSet(ProtocolTimer.CLIENT_RETRANSMIT, 500), effects.get(1), "a fresh timeout");
        assertEquals(1, group.core.counters().readOnlyFallbacks());
        assertEquals(List.of(), group.listener.outcomes);

        group.from(0).at(readOnly).says("before");
        assertEquals(1, group.core.counters().drops(ClientDropReason.OLD_TIMESTAMP));
        for (int replica = 0; replica <= f; replica++) {
            group.from(replica).says("after");
        }
        assertEquals(List.of(new RecordingListener.Outcome(0, fallback.request().timestamp(), bytes("after"), null)),
                group.listener.outcomes);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aReadOnlyRequestFallsBackToReadWriteWhenItsTimerExpires(int f) {
        ClientScenario group = ClientScenario.group(f);
        long readOnly = group.readOnly("get x");
        for (int replica = 0; replica < 2 * f; replica++) {
            group.from(replica).says("1");
        }
        group.outbox.take();
        group.advance(500);
        Sent fallback = (Sent) group.outbox.take().get(0);
        assertFalse(fallback.request().isReadOnly());
        assertTrue(fallback.request().timestamp() > readOnly);
        assertEquals(0, group.core.counters().retransmissions(), "a fallback is a new request, not a retransmission");
        assertEquals(0, group.core.repliesCounted(0), "the read-only replies do not count for the fallback");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aReadOnlyDigestCertificateWhoseDesignatedReplicaLiedFallsBackAtOnce(int f) {
        ClientScenario group = ClientScenario.group(f);
        long readOnly = group.readOnly("get x");
        group.from(group.designated(0)).says("LIE");
        for (int k = 0; k <= 2 * f; k++) {
            group.from(group.undesignated(k)).digestOnly().says("1");
        }
        assertEquals(List.of(), group.listener.outcomes);
        assertTrue(group.core.outstandingTimestamp(0).orElseThrow() > readOnly);
        assertEquals(1, group.core.counters().readOnlyFallbacks());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aLargeReadOnlyOperationFallsBackToAMulticastReadWriteRequest(int f) {
        ClientScenario group = ClientScenario.group(f);
        String large = "k".repeat(5000);
        group.readOnly(large);
        group.outbox.take();
        group.advance(500);
        Request fallback = ((Multicast) group.outbox.take().get(0)).request();
        assertFalse(fallback.isReadOnly());
    }
}
