package org.bftee.core.client;

import static org.bftee.core.client.ClientScenario.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.message.Request;

/**
 * Random reply streams and random driver behaviour against the client core. Invariants are
 * checked after every event by {@link ClientScenario}.
 */
class ClientCoreProperties {

    private static final String[] LIES = {"A", "B", "C"};

    /** One reply: who sends it (modulo n), its flags, view and, for a faulty sender, which result. */
    record ReplyAction(int replica, boolean tentative, boolean digestOnly, int view, int lie) {
    }

    @Provide
    Arbitrary<List<ReplyAction>> replies() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, LIES.length - 1))
                .as(ReplyAction::new).list().ofMaxSize(40);
    }

    /**
     * Up to {@code f} faulty replicas say anything; correct ones say A (tentatively or not, full or
     * digest). The client never accepts anything but A, never reports a conflict, and accepts A
     * once every correct replica's committed full reply has arrived.
     */
    @Property(tries = 400)
    void atMostFFaultyReplicasNeverMakeTheClientAcceptAWrongResultOrReportAConflict(
            @ForAll @IntRange(min = 1, max = 2) int f, @ForAll @IntRange(min = 0, max = 6) int firstFaulty,
            @ForAll @IntRange(min = 0, max = 2) int faultyCount, @ForAll OperationKind kind,
            @ForAll("replies") List<ReplyAction> actions) {
        ClientScenario group = ClientScenario.group(f);
        int n = group.n;
        boolean[] faulty = new boolean[n];
        for (int k = 0; k < Math.min(faultyCount, f); k++) {
            faulty[(firstFaulty + k) % n] = true;
        }
        group.invoke(0, "op", kind);
        for (ReplyAction action : actions) {
            if (!group.core.isBusy(0)) {
                break;
            }
            int replica = action.replica() % n;
            ClientScenario.ReplyBuilder reply = group.from(replica).inView(action.view());
            if (action.tentative()) {
                reply.tentative();
            }
            if (action.digestOnly()) {
                reply.digestOnly();
            }
            reply.says(faulty[replica] ? LIES[action.lie()] : "A");
        }
        for (int replica = 0; replica < n && group.core.isBusy(0); replica++) {
            if (!faulty[replica]) {
                group.from(replica).inView(5).says("A");
            }
        }
        assertEquals(List.of(), group.conflicts());
        assertEquals(List.of(bytes("A")), group.results());
    }

    /** A driver step: invoke, cancel, answer with k matching committed replies, wait, or move the clock back. */
    record Step(int kind, int lane, int count, int millis) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 9000))
                .as(Step::new).list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void timestampsStrictlyIncreasePerLaneWhateverTheDriverDoes(@ForAll("steps") List<Step> steps) {
        ClientScenario group = ClientScenario.group(1, 3, ProtocolLimits.defaults());
        Map<Integer, List<Long>> sent = new HashMap<>();
        Map<Integer, Long> lastOutcome = new HashMap<>();
        for (Step step : steps) {
            switch (step.kind()) {
                case 0, 1 -> {
                    if (!group.core.isBusy(step.lane())) {
                        group.invoke(step.lane(), "op", step.kind() == 0 ? OperationKind.READ_WRITE
                                : OperationKind.READ_ONLY);
                    }
                }
                case 2 -> group.core.cancel(step.lane());
                case 3 -> {
                    if (group.core.isBusy(step.lane())) {
                        for (int replica = 0; replica < step.count(); replica++) {
                            group.from(replica).onLane(step.lane()).says(step.count() % 2 == 0 ? "A" : "B" + replica);
                        }
                    }
                }
                case 4 -> group.advance(step.millis());
                default -> group.clock.set(group.clock.nowMillis() - step.millis());
            }
            group.core.checkInvariants();
            for (Request request : group.outbox.requests()) {
                List<Long> timestamps = sent.computeIfAbsent(request.lane(), lane -> new ArrayList<>());
                if (!timestamps.isEmpty()) {
                    long last = timestamps.get(timestamps.size() - 1);
                    assertTrue(request.timestamp() >= last, "lane " + request.lane() + " went back from " + last
                            + " to " + request.timestamp());
                }
                timestamps.add(request.timestamp());
            }
            group.outbox.take();
        }
        for (RecordingListener.Outcome outcome : group.listener.outcomes) {
            Long previous = lastOutcome.put(outcome.lane(), outcome.timestamp());
            assertTrue(previous == null || outcome.timestamp() > previous);
        }
    }
}
