package org.bftee.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The network alone, between endpoints that record what arrives; frames are numbered payloads. */
class SimNetworkTest {

    private final Scheduler scheduler = new Scheduler(1_000_000);
    private final EventTrace trace = new EventTrace();
    private final SimNetwork network = new SimNetwork(scheduler, trace, Seeds.stream(1, "network"),
            Seeds.stream(1, "faults"));
    private final List<Arrival> arrivals = new ArrayList<>();

    private record Arrival(long timeMillis, int from, int to, int number, byte[] frame) {
    }

    SimNetworkTest() {
        for (int principal = 0; principal < 3; principal++) {
            int to = principal;
            network.attach(principal, (from, frame) -> arrivals.add(new Arrival(scheduler.nowMillis(), from, to,
                    frame.length >= 4 ? ByteBuffer.wrap(frame).getInt() : -1, frame)));
        }
    }

    private static byte[] frame(int number) {
        return ByteBuffer.allocate(8).putInt(number).putInt(~number).array();
    }

    private void sendNumbered(int count, long gapMillis) {
        for (int i = 0; i < count; i++) {
            int number = i;
            scheduler.at(i * gapMillis, () -> network.send(0, 1, frame(number)));
        }
    }

    @Test
    void aPerfectNetworkDeliversEachFrameOnceAfterOneMillisecondInOrder() {
        sendNumbered(100, 1);
        scheduler.runUntil(1_000);

        assertEquals(100, arrivals.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, arrivals.get(i).number());
            assertEquals(i + 1, arrivals.get(i).timeMillis());
        }
        assertEquals(100, network.counters().delivered());
    }

    @Test
    void lossDropsAboutItsShareAndDuplicationAddsCopies() {
        network.conditions(new NetworkConditions(0.25, 0.25, 1, 10));
        sendNumbered(4_000, 1);
        scheduler.runUntil(10_000);

        NetworkCounters counters = network.counters();
        assertEquals(4_000, counters.sent());
        assertTrue(counters.lost() > 800 && counters.lost() < 1_200, "lost " + counters.lost());
        assertTrue(counters.duplicated() > 600 && counters.duplicated() < 900, "duplicated " + counters.duplicated());
        assertEquals(counters.sent() - counters.lost() + counters.duplicated(), counters.delivered());
        assertEquals(counters.delivered(), arrivals.size());
    }

    @Test
    void randomDelaysStayInTheirBoundsAndReorder() {
        network.conditions(new NetworkConditions(0, 0, 5, 40));
        sendNumbered(500, 1);
        scheduler.runUntil(10_000);

        int inversions = 0;
        for (int i = 1; i < arrivals.size(); i++) {
            if (arrivals.get(i).number() < arrivals.get(i - 1).number()) {
                inversions++;
            }
        }
        for (Arrival arrival : arrivals) {
            long delay = arrival.timeMillis() - arrival.number();
            assertTrue(delay >= 5 && delay <= 40, "delay " + delay);
        }
        assertTrue(inversions > 50, "only " + inversions + " frames overtaken");
    }

    @Test
    void aPartitionCutsBothWaysUntilItHeals() {
        network.partition(new Partition(Set.of(0), 100, 200));
        for (long t = 0; t < 300; t += 10) {
            long at = t;
            scheduler.at(t, () -> {
                network.send(0, 1, frame((int) at));
                network.send(1, 0, frame((int) at));
                network.send(1, 2, frame((int) at));
            });
        }
        scheduler.runUntil(1_000);

        for (Arrival arrival : arrivals) {
            boolean crossing = arrival.from() == 0 || arrival.to() == 0;
            boolean duringPartition = arrival.number() >= 99 && arrival.number() < 200;
            assertTrue(!(crossing && duringPartition), "crossed the partition: " + arrival);
        }
        assertEquals(30, arrivals.stream().filter(a -> a.to() == 2).count(), "1 → 2 is not cut");
        assertEquals(2 * 10, network.counters().cutByPartition());
    }

    @Test
    void aFrameInFlightWhenThePartitionStartsIsCut() {
        network.conditions(NetworkConditions.reordering(50));
        network.partition(new Partition(Set.of(0), 30, 1_000));
        scheduler.at(9, () -> {
            for (int i = 0; i < 20; i++) {
                network.send(0, 1, frame(i));
            }
        });
        scheduler.runUntil(2_000);

        assertTrue(arrivals.stream().allMatch(a -> a.timeMillis() < 30));
        assertTrue(!arrivals.isEmpty() && network.counters().cutByPartition() > 0);
        assertEquals(20, arrivals.size() + network.counters().cutByPartition());
    }

    @Test
    void aDroppingLinkCarriesNothingAndOnlyThatLink() {
        network.fault(new Link(0, 1), FrameFaults.drop());
        network.send(0, 1, frame(1));
        network.send(0, 2, frame(2));
        network.send(1, 0, frame(3));
        scheduler.runUntil(10);

        assertEquals(List.of(2, 3), arrivals.stream().map(Arrival::number).toList());
        assertEquals(1, network.counters().droppedByFault());
    }

    @Test
    void aCorruptingLinkFlipsOneBitOfACopy() {
        byte[] original = frame(7);
        network.fault(new Link(0, 1), FrameFaults.corruptOneBit());
        network.send(0, 1, original);
        scheduler.runUntil(10);

        byte[] arrived = arrivals.get(0).frame();
        int differentBits = 0;
        for (int i = 0; i < original.length; i++) {
            differentBits += Integer.bitCount((original[i] ^ arrived[i]) & 0xFF);
        }
        assertEquals(1, differentBits);
        assertArrayEquals(frame(7), original, "the sender's frame is untouched");
    }

    @Test
    void aReplayingLinkDeliversTheSameBytesAgainLater() {
        network.fault(new Link(0, 1), FrameFaults.replayAfter(500));
        network.send(0, 1, frame(4));
        scheduler.runUntil(1_000);

        assertEquals(2, arrivals.size());
        assertEquals(List.of(1L, 500L), arrivals.stream().map(Arrival::timeMillis).toList());
        assertArrayEquals(arrivals.get(0).frame(), arrivals.get(1).frame());
    }

    @Test
    void recordedFramesCanBeInjectedLaterAndReplacementsCarried() {
        List<byte[]> recorded = new ArrayList<>();
        network.fault(new Link(0, 1), FrameFaults.record(recorded));
        network.fault(new Link(0, 2), FrameFaults.replaceWith(frame(99)));
        network.send(0, 1, frame(5));
        network.send(0, 2, frame(6));
        scheduler.runUntil(10);
        network.inject(2, 1, recorded.get(0), 20);
        scheduler.runUntil(100);

        assertEquals(List.of(5, 99, 5), arrivals.stream().map(Arrival::number).toList());
        assertEquals(2, arrivals.get(2).from(), "the injected copy arrives on the injector's link");
        assertEquals(1, network.counters().injected());
    }

    @Test
    void theTraceFingerprintsWhatHappened() {
        network.conditions(new NetworkConditions(0.1, 0.1, 1, 20));
        sendNumbered(200, 1);
        scheduler.runUntil(1_000);
        long hash = trace.hash();

        Scheduler otherScheduler = new Scheduler(1_000_000);
        EventTrace otherTrace = new EventTrace();
        SimNetwork other = new SimNetwork(otherScheduler, otherTrace, Seeds.stream(2, "network"),
                Seeds.stream(2, "faults"));
        other.attach(1, (from, frame) -> true);
        other.conditions(new NetworkConditions(0.1, 0.1, 1, 20));
        for (int i = 0; i < 200; i++) {
            int number = i;
            otherScheduler.at(i, () -> other.send(0, 1, frame(number)));
        }
        otherScheduler.runUntil(1_000);

        assertNotEquals(hash, otherTrace.hash());
        assertEquals(EventTrace.TAIL_MAX, trace.tail().size());
    }
}
