package org.bftee.core.client;

import static org.bftee.core.client.ClientScenario.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bftee.core.client.RecordingOutbox.Multicast;
import org.bftee.core.client.RecordingOutbox.Sent;
import org.bftee.core.client.RecordingOutbox.TimerSet;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.ProtocolTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a client sends read-write requests: to whom, with what, and when it refuses. */
class ReadWriteRequestTest {

    /** Limits with a 100-byte large-request threshold and 1000-byte operations. */
    private static final ProtocolLimits SMALL = new ProtocolLimits(256, 128, 64, 256 * 1024, 4, 1000, 1000, 100, 8);

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aClientSendsAReadWriteRequestToThePrimaryOfViewZeroAndStartsItsRetransmissionTimer(int f) {
        ClientScenario group = ClientScenario.group(f);
        long timestamp = group.readWrite("put x 1");

        List<RecordingOutbox.Effect> effects = group.outbox.take();
        assertEquals(2, effects.size(), effects.toString());
        Sent sent = (Sent) effects.get(0);
        assertEquals(0, sent.receiver());
        Request request = sent.request();
        assertEquals(ClientScenario.CLIENT, request.client());
        assertEquals(0, request.lane());
        assertEquals(timestamp, request.timestamp());
        assertEquals(0, request.flags());
        assertEquals(bytes("put x 1"), request.operation());
        assertEquals(new TimerSet(ProtocolTimer.CLIENT_RETRANSMIT, 500), effects.get(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theRequestCarriesAnAuthenticatorEveryReplicaAccepts(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("put x 1");
        Request request = group.outbox.requests().get(0);
        assertEquals(group.n, request.authenticator().count());
        assertTrue(group.authenticToEveryReplica(request));
    }

    @Test
    void aRequestAboveTheLargeRequestThresholdIsMulticastFromTheFirstSend() {
        ClientScenario group = ClientScenario.group(1, 2, SMALL);
        group.invoke(0, "x".repeat(101), OperationKind.READ_WRITE);
        group.invoke(1, "x".repeat(100), OperationKind.READ_WRITE);

        List<RecordingOutbox.Effect> effects = group.outbox.take();
        assertTrue(effects.get(0) instanceof Multicast, effects.toString());
        assertTrue(effects.get(2) instanceof Sent, "a request at the threshold is not large: " + effects);
    }

    @Test
    void anOperationAboveRequestBytesMaxIsRefusedBeforeAnythingIsSent() {
        ClientScenario group = ClientScenario.group(1, 2, SMALL);
        assertEquals(Invocation.REFUSED_OPERATION_TOO_LARGE,
                group.core.invoke(0, bytes("x".repeat(1001)), OperationKind.READ_WRITE));
        assertEquals(List.of(), group.outbox.take());
        assertFalse(group.core.isBusy(0));
        assertEquals(1, group.core.counters().refusedTooLarge());
        group.core.checkInvariants();
        assertEquals(Invocation.STARTED, group.core.invoke(0, bytes("x".repeat(1000)), OperationKind.READ_WRITE));
    }

    @Test
    void invokingOnABusyLaneIsADriverBug() {
        ClientScenario group = ClientScenario.group(1);
        group.readWrite("put x 1");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> group.core.invoke(0, bytes("put x 2"), OperationKind.READ_WRITE));
        assertTrue(thrown.getMessage().contains("lane 0"), thrown.getMessage());
        group.invoke(1, "put x 2", OperationKind.READ_WRITE);
    }

    @Test
    void invokingOnALaneThePrincipalDoesNotHaveIsADriverBug() {
        ClientScenario group = ClientScenario.group(1);
        assertThrows(IllegalArgumentException.class, () -> group.core.invoke(4, bytes("op"), OperationKind.READ_WRITE));
        assertThrows(IllegalArgumentException.class, () -> group.core.invoke(-1, bytes("op"), OperationKind.READ_WRITE));
    }

    @Test
    void timestampsStrictlyIncreasePerLaneAndStartFromTheClock() {
        ClientScenario group = ClientScenario.group(1);
        long first = group.readWrite("op 1");
        assertEquals(ClientScenario.START_MILLIS * Lane.TIMESTAMPS_PER_MILLI, first);
        group.core.cancel(0);
        long second = group.readWrite("op 2");
        assertEquals(first + 1, second, "same millisecond: the next number");
        group.core.cancel(0);
        group.clock.set(ClientScenario.START_MILLIS - 5_000);
        long afterClockWentBack = group.readWrite("op 3");
        assertEquals(second + 1, afterClockWentBack);
        group.core.cancel(0);
        group.clock.set(ClientScenario.START_MILLIS + 7);
        assertEquals((ClientScenario.START_MILLIS + 7) * Lane.TIMESTAMPS_PER_MILLI, group.readWrite("op 4"));
    }

    @Test
    void lanesHaveIndependentTimestampSequences() {
        ClientScenario group = ClientScenario.group(1);
        long lane0 = group.invoke(0, "a", OperationKind.READ_WRITE);
        long lane1 = group.invoke(1, "b", OperationKind.READ_WRITE);
        assertEquals(lane0, lane1, "each lane starts its own sequence");
    }

    @Test
    void aClientSendsToThePrimaryOfTheViewThatFPlusOneReplicasReport() {
        ClientScenario group = ClientScenario.group(1);
        group.readWrite("op");
        group.from(1).inView(5).says("A");
        assertEquals(0, group.core.believedView(), "one replica alone does not move the client");
        group.from(2).inView(5).says("A");
        assertEquals(5, group.core.believedView());
        assertEquals(1, group.results().size());
        group.outbox.take();

        group.readWrite("next");
        Sent sent = (Sent) group.outbox.take().get(0);
        assertEquals(5 % 4, sent.receiver());
    }

    @Test
    void fFaultyReplicasClaimingAHugeViewCannotChooseThePrimary() {
        ClientScenario group = ClientScenario.group(2);
        group.readWrite("op");
        group.from(3).inView(1_000_003).says("A");
        group.from(4).inView(1_000_003).says("A");
        group.from(5).inView(2).says("A");
        assertEquals(2, group.core.believedView());
    }

    @Test
    void aResultIsDeliveredOnceAndTheLaneIsFreeForTheNextRequest() {
        ClientScenario group = ClientScenario.group(1);
        long timestamp = group.readWrite("op");
        group.from(0).says("A");
        group.from(1).says("A");
        assertEquals(List.of(new RecordingListener.Outcome(0, timestamp, bytes("A"), null)), group.listener.outcomes);
        assertFalse(group.core.isBusy(0));
        group.from(2).says("A");
        assertEquals(1, group.listener.outcomes.size());
        assertEquals(1, group.core.counters().drops(ClientDropReason.OLD_TIMESTAMP));
    }

    @Test
    void theListenerMayInvokeTheNextRequestFromItsCallback() {
        ClientScenario group = ClientScenario.group(1);
        Bytes next = bytes("next");
        group.listener.onOutcome = () -> group.core.invoke(0, next, OperationKind.READ_WRITE);
        group.readWrite("first");
        group.from(0).says("A");
        group.from(1).says("A");
        assertTrue(group.core.isBusy(0));
        Request last = group.outbox.requests().get(group.outbox.requests().size() - 1);
        assertEquals(next, last.operation());
        group.core.checkInvariants();
    }
}
