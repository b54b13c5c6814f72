package org.bftee.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.auth.AuthRejectReason;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Message;
import org.bftee.core.message.Prepare;
import org.bftee.core.protocol.ProtocolTimer;
import org.junit.jupiter.api.Test;

/** A host as the node's outbox: timers, clock, sealing, invariant checks, Byzantine hooks. */
class SimHostTest {

    private final Simulation sim = Simulation.builder(42).build();
    private final RecordingNode[] nodes = new RecordingNode[4];

    SimHostTest() {
        for (int i = 0; i < 4; i++) {
            nodes[i] = sim.start(i, context -> new RecordingNode(context, sim.scheduler()));
        }
    }

    @Test
    void settingARunningTimerRestartsItAndCancellingStopsIt() {
        sim.on(0, 0, () -> nodes[0].context.outbox().setTimer(ProtocolTimer.STATUS, 100));
        sim.on(0, 50, () -> nodes[0].context.outbox().setTimer(ProtocolTimer.STATUS, 100));
        sim.on(0, 0, () -> nodes[0].context.outbox().setTimer(ProtocolTimer.VIEW_CHANGE, 30));
        sim.on(0, 10, () -> nodes[0].context.outbox().cancelTimer(ProtocolTimer.VIEW_CHANGE));
        sim.on(0, 20, () -> nodes[0].context.outbox().cancelTimer(ProtocolTimer.BATCH));

        sim.runUntil(1_000);

        assertEquals(List.of("150 STATUS"), nodes[0].events);
        assertFalse(sim.host(0).isTimerSet(ProtocolTimer.STATUS));
    }

    @Test
    void theClockIsVirtualTimePlusTheHostsSkew() {
        sim.host(1).clockSkewMillis(-250);
        sim.runUntil(1_000);

        assertEquals(SimHost.EPOCH_MILLIS + 1_000, nodes[0].context.clock().nowMillis());
        assertEquals(SimHost.EPOCH_MILLIS + 750, nodes[1].context.clock().nowMillis());
    }

    @Test
    void aMulticastReachesEveryOtherReplicaAuthenticated() {
        Checkpoint checkpoint = FloodNode.rumor(9, 2);
        sim.on(2, 5, () -> nodes[2].context.outbox().multicast(checkpoint));
        sim.runUntil(100);

        for (int i = 0; i < 4; i++) {
            assertEquals(i == 2 ? List.of() : List.of(checkpoint), nodes[i].messages, "replica " + i);
        }
        assertEquals(3, sim.network().counters().delivered());
    }

    @Test
    void invariantsAreCheckedAfterEveryEvent() {
        sim.on(0, 0, () -> nodes[0].context.outbox().multicast(FloodNode.rumor(1, 0)));
        sim.on(0, 0, () -> nodes[0].context.outbox().setTimer(ProtocolTimer.STATUS, 10));
        sim.runUntil(100);

        assertEquals(3, nodes[0].invariantChecks, "two actions and one timer; a multicast does not come back");
    }

    @Test
    void aBrokenInvariantFailsTheRunAtTheEventThatBrokeIt() {
        Simulation flood = Simulation.builder(1).build();
        FloodNode[] replicas = new FloodNode[4];
        for (int i = 0; i < 4; i++) {
            replicas[i] = flood.start(i, FloodNode::new);
        }
        flood.on(0, 10, () -> replicas[0].originate(5));
        flood.on(1, 5, replicas[1]::breakInvariantOnNextMessage);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> flood.runUntil(1_000));
        assertTrue(failure.getMessage().contains("replica 1 holds rumor -1"), failure.getMessage());
        assertTrue(flood.nowMillis() < FloodNode.ANTI_ENTROPY_MILLIS, "failed at " + flood.nowMillis() + " ms");
    }

    @Test
    void aCrashedHostHearsNothingAndItsTimersStop() {
        sim.on(3, 0, () -> nodes[3].context.outbox().setTimer(ProtocolTimer.STATUS, 100));
        sim.at(50, () -> sim.host(3).crash());
        sim.on(0, 60, () -> nodes[0].context.outbox().multicast(FloodNode.rumor(1, 0)));
        sim.runUntil(1_000);

        assertTrue(nodes[3].events.isEmpty());
        assertEquals(1, sim.network().counters().toDownHost());
    }

    @Test
    void anInterceptorLetsAByzantineReplicaEquivocate() {
        Prepare honest = new Prepare(0, 1, FloodNode.digestOf(1), 3);
        Prepare other = new Prepare(0, 1, FloodNode.digestOf(2), 3);
        sim.host(3).intercept((receiver, message) -> receiver == 0 ? other : receiver == 1 ? null : message);
        sim.on(3, 0, () -> nodes[3].context.outbox().multicast(honest));
        sim.runUntil(100);

        assertEquals(List.of(other), nodes[0].messages, "replica 0 got an authentic, different PREPARE");
        assertEquals(List.of(), nodes[1].messages, "replica 1 got nothing");
        assertEquals(List.of(honest), nodes[2].messages);
        assertEquals(0, sim.network().counters().rejected().total());
    }

    @Test
    void aByzantineReplicaCannotSpeakForAnother() {
        sim.host(3).intercept((receiver, message) -> new Commit(0, 1, FloodNode.digestOf(1), 1));
        sim.on(3, 0, () -> nodes[3].context.outbox().multicast(FloodNode.rumor(1, 3)));
        sim.runUntil(100);

        assertEquals(3, sim.network().counters().rejected().count(AuthRejectReason.SENDER_MISMATCH));
        for (RecordingNode node : nodes) {
            assertEquals(List.<Message>of(), node.messages);
        }
    }

    @Test
    void corruptedFramesAreRejectedByTheReceiversOpener() {
        sim.network().fault(new Link(0, 1), FrameFaults.corruptReceiversTag());
        sim.network().fault(new Link(0, 2), FrameFaults.corruptAuthenticatedRegion());
        sim.on(0, 0, () -> nodes[0].context.outbox().multicast(FloodNode.rumor(1, 0)));
        sim.runUntil(100);

        assertEquals(List.of(), nodes[1].messages);
        assertEquals(List.of(), nodes[2].messages);
        assertEquals(1, nodes[3].messages.size());
        assertEquals(1, sim.host(1).rejections().count(AuthRejectReason.MAC_FORGED));
        assertEquals(1, sim.host(2).rejections().total());
        assertEquals(2, sim.network().counters().rejected().total());
    }

    @Test
    void replayedAndForgedFramesAreReal() {
        List<byte[]> recorded = new ArrayList<>();
        sim.network().fault(new Link(0, 1), FrameFaults.record(recorded));
        sim.on(0, 0, () -> nodes[0].context.outbox().multicast(FloodNode.rumor(1, 0)));
        sim.runUntil(10);
        byte[] claimsToBeFrom3 = recorded.get(0).clone();
        claimsToBeFrom3[SENDER_LOW_BYTE] = 3;
        sim.network().inject(0, 1, recorded.get(0), 100);
        sim.network().inject(3, 2, claimsToBeFrom3, 100);
        sim.runUntil(1_000);

        assertEquals(2, nodes[1].messages.size(), "an authentic frame replayed opens again: the protocol must dedup");
        assertEquals(1, nodes[2].messages.size());
        assertEquals(1, sim.host(2).rejections().count(AuthRejectReason.MAC_FORGED));
        assertEquals(2, sim.network().counters().injected());
    }

    /** The last byte of the frame header's big-endian sender field. */
    private static final int SENDER_LOW_BYTE = 13;
}
