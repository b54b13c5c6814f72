package org.bftee.core.client;

import static org.bftee.core.client.ClientScenario.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.client.RecordingOutbox.Multicast;
import org.bftee.core.client.RecordingOutbox.TimerCancelled;
import org.bftee.core.client.RecordingOutbox.TimerSet;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.ProtocolTimer;
import org.junit.jupiter.api.Test;

/** Retransmission: multicast on expiry, doubling up to the maximum, one timer for every lane. */
class RetransmissionTest {

    private static TimerSet timer(long delayMillis) {
        return new TimerSet(ProtocolTimer.CLIENT_RETRANSMIT, delayMillis);
    }

    @Test
    void aClientThatTimesOutMulticastsTheRequestAndDoublesItsTimeoutUpToTheMaximum() {
        ClientScenario group = ClientScenario.group(1);
        long timestamp = group.readWrite("op");
        assertEquals(timer(500), group.outbox.take().get(1));

        List<Long> delays = new ArrayList<>();
        long[] waits = {500, 1000, 2000, 4000, 8000, 8000};
        for (long wait : waits) {
            group.advance(wait - 1);
            assertEquals(List.of(), group.outbox.take(), "not before the deadline");
            group.advance(1);
            List<RecordingOutbox.Effect> effects = group.outbox.take();
            assertEquals(2, effects.size(), effects.toString());
            Request again = ((Multicast) effects.get(0)).request();
            assertEquals(timestamp, again.timestamp());
            delays.add(((TimerSet) effects.get(1)).delayMillis());
        }
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 8000L, 8000L), delays);
        assertEquals(6, group.core.counters().retransmissions());
    }

    @Test
    void oneTimerServesEveryLaneAndIsSetToTheEarliestDeadline() {
        ClientScenario group = ClientScenario.group(1);
        group.invoke(0, "a", OperationKind.READ_WRITE);
        assertEquals(timer(500), group.outbox.take().get(1));
        group.advance(300);
        long lane1 = group.invoke(1, "b", OperationKind.READ_WRITE);
        assertEquals(1, group.outbox.take().size(), "lane 0's deadline is still the earliest");

        group.advance(200);
        List<RecordingOutbox.Effect> effects = group.outbox.take();
        assertEquals(0, ((Multicast) effects.get(0)).request().lane());
        assertEquals(timer(300), effects.get(1), "lane 1's deadline, 300 ms away, is now the earliest");

        group.advance(100);
        for (int replica = 0; replica <= 1; replica++) {
            group.from(replica).onLane(1).at(lane1).says("B");
        }
        assertEquals(List.of(timer(900)), group.outbox.take(), "back to lane 0's deadline at 1500 ms");

        group.from(0).says("A");
        group.from(1).says("A");
        assertEquals(List.of(new TimerCancelled(ProtocolTimer.CLIENT_RETRANSMIT)), group.outbox.take());
        group.core.checkInvariants();
    }

    @Test
    void aReplicaWithFreshKeysGetsEveryOutstandingRequestAtOnceAndTheTimerStaysAsItWas() {
        ClientScenario group = ClientScenario.group(1);
        long first = group.invoke(0, "a", OperationKind.READ_WRITE);
        long second = group.invoke(1, "b", OperationKind.READ_ONLY);
        group.outbox.take();
        group.advance(100);

        group.core.resendOutstandingTo(2);

        List<RecordingOutbox.Effect> effects = group.outbox.take();
        assertEquals(2, effects.size(), effects.toString());
        RecordingOutbox.Sent toLane0 = (RecordingOutbox.Sent) effects.get(0);
        RecordingOutbox.Sent toLane1 = (RecordingOutbox.Sent) effects.get(1);
        assertEquals(2, toLane0.receiver());
        assertEquals(first, toLane0.request().timestamp());
        assertEquals(second, toLane1.request().timestamp());
        assertEquals(0, group.core.counters().retransmissions(), "not a retransmission round");
        group.advance(399);
        assertEquals(List.of(), group.outbox.take(), "the first deadline is still 500 ms after the call");
        assertThrows(IllegalArgumentException.class, () -> group.core.resendOutstandingTo(4));
        group.core.checkInvariants();
    }

    @Test
    void withNothingOutstandingAReplicasFreshKeysSendNothing() {
        ClientScenario group = ClientScenario.group(1);
        group.core.resendOutstandingTo(0);
        assertEquals(List.of(), group.outbox.take());
    }

    @Test
    void aCancelledRequestStopsItsRetransmissionsAndItsLateRepliesAreDropped() {
        ClientScenario group = ClientScenario.group(1);
        long first = group.readWrite("op");
        group.outbox.take();
        assertTrue(group.core.cancel(0));
        assertEquals(List.of(new TimerCancelled(ProtocolTimer.CLIENT_RETRANSMIT)), group.outbox.take());
        assertFalse(group.core.cancel(0));
        group.advance(10_000);
        assertEquals(List.of(), group.outbox.take());

        group.from(0).at(first).says("A");
        group.from(1).at(first).says("A");
        assertEquals(List.of(), group.listener.outcomes);
        assertEquals(2, group.core.counters().drops(ClientDropReason.OLD_TIMESTAMP));
        assertEquals(1, group.core.counters().cancellations());
        assertTrue(group.readWrite("next") > first);
    }

    @Test
    void aRetransmissionCarriesMacsUnderTheNewestSessionKeys() {
        ClientScenario group = ClientScenario.group(1);
        group.readWrite("op");
        Request original = group.outbox.requests().get(0);
        group.outbox.take();
        group.refreshKeys(2);
        assertFalse(group.authenticToEveryReplica(original), "the replicas have retired the old keys");
        group.advance(500);
        assertTrue(group.authenticToEveryReplica(group.outbox.requests().get(0)));
    }

    @Test
    void aClockThatJumpsBackCannotStallRetransmission() {
        ClientScenario group = ClientScenario.group(1);
        group.readWrite("op");
        group.outbox.take();
        group.clock.set(ClientScenario.START_MILLIS - 60_000);
        group.core.onTimer(ProtocolTimer.CLIENT_RETRANSMIT);
        List<RecordingOutbox.Effect> effects = group.outbox.take();
        assertTrue(effects.get(0) instanceof Multicast, effects.toString());
        assertEquals(timer(1000), effects.get(1));
        group.core.checkInvariants();
    }

    @Test
    void aTimerWithNothingOutstandingDoesNothing() {
        ClientScenario group = ClientScenario.group(1);
        group.core.onTimer(ProtocolTimer.CLIENT_RETRANSMIT);
        assertEquals(List.of(), group.outbox.take());
        group.core.checkInvariants();
    }

    @Test
    void anotherProtocolTimerIsADriverBug() {
        ClientScenario group = ClientScenario.group(1);
        assertThrows(IllegalArgumentException.class, () -> group.core.onTimer(ProtocolTimer.VIEW_CHANGE));
    }

    @Test
    void aResultAfterRetransmissionsStillCompletesTheRequest() {
        ClientScenario group = ClientScenario.group(2);
        group.readWrite("op");
        group.advance(1500);
        assertEquals(2, group.core.counters().retransmissions());
        for (int replica = 4; replica <= 6; replica++) {
            group.from(replica).says("A");
        }
        assertEquals(List.of(bytes("A")), group.results());
        assertFalse(group.outbox.timerSet());
    }
}
