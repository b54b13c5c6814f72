package org.bftee.core.client;

import static org.bftee.core.client.ClientScenario.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reason a client drops a message, for f = 1 and f = 2: the message is counted under its
 * reason, emits nothing, reaches no listener and changes no certificate, so the request still
 * needs exactly as many good replies as before.
 */
class ClientDropTest {

    /** 1000-byte results at most. */
    private static final ProtocolLimits LIMITS = new ProtocolLimits(256, 128, 64, 256 * 1024, 4, 1000, 1000, 100, 4);

    /**
     * One bad input: {@code setup} casts {@code votesForA} good votes for A first (replica 0 only),
     * then {@code bad} delivers the message to drop.
     */
    record Case(ClientDropReason reason, int votesForA, Consumer<ClientScenario> setup, Consumer<ClientScenario> bad) {

        @Override
        public String toString() {
            return reason.name();
        }
    }

    private static final Consumer<ClientScenario> NOTHING = group -> { };

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(ClientDropReason.NOT_A_REPLY, 0, NOTHING,
                group -> group.core.onMessage(1, new Request(ClientScenario.CLIENT, 0, 1, 0, bytes("op"),
                        Authenticator.wrap(new byte[8 * group.n], 8)))));
        cases.add(new Case(ClientDropReason.SENDER_NOT_A_REPLICA, 0, NOTHING,
                group -> group.from(0).sentBy(group.n).says("A")));
        cases.add(new Case(ClientDropReason.SENDER_NOT_A_REPLICA, 0, NOTHING,
                group -> group.from(0).sentBy(ClientScenario.CLIENT).says("A")));
        cases.add(new Case(ClientDropReason.SENDER_NOT_A_REPLICA, 0, NOTHING,
                group -> group.from(0).sentBy(-1).says("A")));
        cases.add(new Case(ClientDropReason.REPLICA_NOT_SENDER, 0, NOTHING,
                group -> group.from(1).sentBy(2).says("A")));
        cases.add(new Case(ClientDropReason.OTHER_CLIENT, 0, NOTHING,
                group -> group.from(1).toClient(ClientScenario.CLIENT + 1).says("A")));
        cases.add(new Case(ClientDropReason.UNKNOWN_LANE, 0, NOTHING,
                group -> group.from(1).onLane(4).at(group.core.outstandingTimestamp(0).orElseThrow()).says("A")));
        cases.add(new Case(ClientDropReason.OLD_TIMESTAMP, 0, NOTHING,
                group -> group.from(1).at(group.core.outstandingTimestamp(0).orElseThrow() - 1).says("A")));
        cases.add(new Case(ClientDropReason.OLD_TIMESTAMP, 0, ClientDropTest::cancelARequestOnLaneOne,
                group -> group.from(1).onLane(1).says("A")));
        cases.add(new Case(ClientDropReason.FUTURE_TIMESTAMP, 0, NOTHING,
                group -> group.from(1).at(group.core.outstandingTimestamp(0).orElseThrow() + 1).says("A")));
        cases.add(new Case(ClientDropReason.FUTURE_TIMESTAMP, 0, NOTHING,
                group -> group.from(1).onLane(1).at(1).says("A")));
        cases.add(new Case(ClientDropReason.RESULT_TOO_LARGE, 0, NOTHING,
                group -> group.core.onMessage(1, new Reply(0, ClientScenario.CLIENT, 0,
                        group.core.outstandingTimestamp(0).orElseThrow(), 1, 0, Bytes.of(new byte[1001])))));
        cases.add(new Case(ClientDropReason.SUPERSEDED, 1, group -> group.from(0).inView(2).says("A"),
                group -> group.from(0).tentative().inView(3).says("B")));
        cases.add(new Case(ClientDropReason.SUPERSEDED, 1, group -> group.from(0).inView(2).says("A"),
                group -> group.from(0).inView(1).says("B")));
        cases.add(new Case(ClientDropReason.DUPLICATE, 1, group -> group.from(0).says("A"),
                group -> group.from(0).says("A")));
        cases.add(new Case(ClientDropReason.DUPLICATE, 1, group -> group.from(0).says("A"),
                group -> group.from(0).digestOnly().says("A")));
        return cases;
    }

    private static void cancelARequestOnLaneOne(ClientScenario group) {
        group.invoke(1, "other", OperationKind.READ_WRITE);
        group.core.cancel(1);
    }

    static Stream<Arguments> casesForEachF() {
        return Stream.of(1, 2).flatMap(f -> cases().stream().map(c -> Arguments.of(f, c)));
    }

    @ParameterizedTest(name = "f = {0}: {1}")
    @MethodSource("casesForEachF")
    void aBadMessageIsDroppedWithItsReasonAndChangesNothing(int f, Case c) {
        ClientScenario group = ClientScenario.group(f, 4, LIMITS);
        group.readWrite("op");
        c.setup().accept(group);
        group.outbox.take();
        int counted = group.core.repliesCounted(0);

        c.bad().accept(group);
        group.core.checkInvariants();

        assertEquals(1, group.core.counters().drops(c.reason()));
        assertEquals(1, group.core.counters().dropsTotal());
        assertEquals(List.of(), group.outbox.take());
        assertEquals(List.of(), group.listener.outcomes);
        assertEquals(counted, group.core.repliesCounted(0));
        // Exactly f + 1 - votesForA more committed replies for A complete the request: no more, no fewer.
        int needed = f + 1 - c.votesForA();
        for (int k = 0; k < needed; k++) {
            assertEquals(List.of(), group.listener.outcomes, "completed after " + k + " of " + needed);
            group.from(group.n - 1 - k).says("A");
        }
        assertEquals(List.of(bytes("A")), group.results());
    }

    @Test
    void everyDropReasonHasACase() {
        Set<ClientDropReason> covered = EnumSet.noneOf(ClientDropReason.class);
        cases().forEach(c -> covered.add(c.reason()));
        assertEquals(EnumSet.allOf(ClientDropReason.class), covered);
    }

    @Test
    void theDropSnapshotListsEveryReason() {
        ClientScenario group = ClientScenario.group(1);
        group.readWrite("op");
        group.from(1).sentBy(2).says("A");
        assertEquals(ClientDropReason.values().length, group.core.counters().dropSnapshot().size());
        assertEquals(1L, group.core.counters().dropSnapshot().get(ClientDropReason.REPLICA_NOT_SENDER));
    }
}
