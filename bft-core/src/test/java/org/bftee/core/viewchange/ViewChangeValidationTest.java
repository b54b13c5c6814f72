package org.bftee.core.viewchange;

import static org.bftee.core.viewchange.ViewChangeBuilder.digest;
import static org.bftee.core.viewchange.ViewChangeScenario.K;
import static org.bftee.core.viewchange.ViewChangeScenario.L;
import static org.bftee.core.viewchange.ViewChangeScenario.LIMITS;
import static org.bftee.core.viewchange.ViewChangeScenario.NEW_VIEW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;
import org.bftee.core.protocol.Quorums;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a VIEW-CHANGE can be malformed, one at a time, for f = 1 and f = 2. */
class ViewChangeValidationTest {

    private static final long H = K;

    private static CheckpointEntry c(long sequence) {
        return new CheckpointEntry(sequence, digest("state-" + sequence));
    }

    private static PreparedEntry p(long sequence, String batch, long view) {
        return new PreparedEntry(sequence, digest(batch), view);
    }

    private static PrePreparedEntry q(long sequence, DigestView... pairs) {
        return new PrePreparedEntry(sequence, List.of(pairs));
    }

    private static DigestView dv(String batch, long view) {
        return new DigestView(digest(batch), view);
    }

    /** A well-formed message at {@code h = K}: the one every row below breaks in exactly one way. */
    private static ViewChange valid() {
        return message(H, List.of(c(H), c(H + K)), List.of(p(H + 1, "a", 3), p(H + 2, "b", 2)),
                List.of(q(H + 1, dv("a", 3)), q(H + 2, dv("b", 2), dv("c", 4))));
    }

    private static ViewChange message(long stable, List<CheckpointEntry> checkpoints, List<PreparedEntry> prepared,
                                      List<PrePreparedEntry> prePrepared) {
        return new ViewChange(NEW_VIEW, stable, checkpoints, prepared, prePrepared, 1);
    }

    private static ViewChange withPrePrepared(List<PrePreparedEntry> prePrepared) {
        return message(H, valid().checkpoints(), List.of(), prePrepared);
    }

    static Stream<Arguments> malformed() {
        ViewChange valid = valid();
        List<Arguments> rows = new ArrayList<>();
        for (int f : new int[] {1, 2}) {
            int n = 3 * f + 1;
            DigestView[] tooMany = IntStream.rangeClosed(0, f + 2).mapToObj(i -> dv("x" + i, 1)).toArray(DigestView[]::new);
            rows.addAll(List.of(
                    row(f, "for another view", new ViewChange(NEW_VIEW + 1, H, valid.checkpoints(), valid.prepared(),
                            valid.prePrepared(), 1), ViewChangeRejectReason.WRONG_NEW_VIEW),
                    row(f, "from replica n", new ViewChange(NEW_VIEW, H, valid.checkpoints(), valid.prepared(),
                            valid.prePrepared(), n), ViewChangeRejectReason.REPLICA_OUT_OF_RANGE),
                    row(f, "h not at a checkpoint", message(H + 1, List.of(), List.of(), List.of()),
                            ViewChangeRejectReason.STABLE_SEQUENCE_NOT_AT_INTERVAL),
                    row(f, "C out of order", message(H, List.of(c(H + K), c(H)), List.of(), List.of()),
                            ViewChangeRejectReason.CHECKPOINTS_NOT_SORTED),
                    row(f, "C twice at one sequence number", message(H, List.of(c(H), new CheckpointEntry(H,
                            digest("other"))), List.of(), List.of()), ViewChangeRejectReason.CHECKPOINTS_NOT_SORTED),
                    row(f, "C between intervals", message(H, List.of(c(H + 1)), List.of(), List.of()),
                            ViewChangeRejectReason.CHECKPOINT_NOT_AT_INTERVAL),
                    row(f, "C below h", message(H, List.of(c(0), c(H)), List.of(), List.of()),
                            ViewChangeRejectReason.CHECKPOINT_OUTSIDE_WINDOW),
                    row(f, "C above h + L", message(H, List.of(c(H + L + K)), List.of(), List.of()),
                            ViewChangeRejectReason.CHECKPOINT_OUTSIDE_WINDOW),
                    row(f, "C near Long.MAX_VALUE", message(Long.MAX_VALUE - Long.MAX_VALUE % K, List.of(c(0)),
                            List.of(), List.of()), ViewChangeRejectReason.CHECKPOINT_OUTSIDE_WINDOW),
                    row(f, "P out of order", message(H, List.of(), List.of(p(H + 2, "b", 2), p(H + 1, "a", 3)),
                            valid.prePrepared()), ViewChangeRejectReason.PREPARED_NOT_SORTED),
                    row(f, "P twice at one sequence number", message(H, List.of(), List.of(p(H + 1, "a", 3),
                            p(H + 1, "b", 2)), valid.prePrepared()), ViewChangeRejectReason.PREPARED_NOT_SORTED),
                    row(f, "P at h", message(H, List.of(), List.of(p(H, "a", 3)), List.of(q(H, dv("a", 3)))),
                            ViewChangeRejectReason.PREPARED_OUTSIDE_WINDOW),
                    row(f, "P above h + L", message(H, List.of(), List.of(p(H + L + 1, "a", 3)), List.of()),
                            ViewChangeRejectReason.PREPARED_OUTSIDE_WINDOW),
                    row(f, "P in the new view", message(H, List.of(), List.of(p(H + 1, "a", NEW_VIEW)),
                            List.of(q(H + 1, dv("a", NEW_VIEW)))), ViewChangeRejectReason.PREPARED_VIEW_NOT_BELOW_NEW_VIEW),
                    row(f, "Q out of order", withPrePrepared(List.of(q(H + 2, dv("b", 2)), q(H + 1, dv("a", 3)))),
                            ViewChangeRejectReason.PRE_PREPARED_NOT_SORTED),
                    row(f, "Q twice at one sequence number", withPrePrepared(List.of(q(H + 1, dv("a", 3)),
                            q(H + 1, dv("b", 2)))), ViewChangeRejectReason.PRE_PREPARED_NOT_SORTED),
                    row(f, "Q at h", withPrePrepared(List.of(q(H, dv("a", 3)))),
                            ViewChangeRejectReason.PRE_PREPARED_OUTSIDE_WINDOW),
                    row(f, "Q above h + L", withPrePrepared(List.of(q(H + L + 1, dv("a", 3)))),
                            ViewChangeRejectReason.PRE_PREPARED_OUTSIDE_WINDOW),
                    row(f, "Q entry without pairs", withPrePrepared(List.of(q(H + 1))),
                            ViewChangeRejectReason.PRE_PREPARED_ENTRY_EMPTY),
                    row(f, "Q entry with f + 3 pairs", withPrePrepared(List.of(q(H + 1, tooMany))),
                            ViewChangeRejectReason.PRE_PREPARED_ENTRY_TOO_LARGE),
                    row(f, "Q entry with a digest twice", withPrePrepared(List.of(q(H + 1, dv("a", 3), dv("a", 2)))),
                            ViewChangeRejectReason.PRE_PREPARED_DUPLICATE_DIGEST),
                    row(f, "Q pair in the new view", withPrePrepared(List.of(q(H + 1, dv("a", NEW_VIEW)))),
                            ViewChangeRejectReason.PRE_PREPARED_VIEW_NOT_BELOW_NEW_VIEW),
                    row(f, "P without Q", message(H, List.of(), List.of(p(H + 1, "a", 3)), List.of()),
                            ViewChangeRejectReason.PREPARED_NOT_PRE_PREPARED),
                    row(f, "P with Q for another batch", message(H, List.of(), List.of(p(H + 1, "a", 3)),
                            List.of(q(H + 1, dv("b", 3)))), ViewChangeRejectReason.PREPARED_NOT_PRE_PREPARED),
                    row(f, "P with Q in an older view", message(H, List.of(), List.of(p(H + 1, "a", 3)),
                            List.of(q(H + 1, dv("a", 2)))), ViewChangeRejectReason.PREPARED_NOT_PRE_PREPARED)));
        }
        return rows.stream();
    }

    private static Arguments row(int f, String what, ViewChange message, ViewChangeRejectReason reason) {
        return Arguments.of(f, what, message, reason);
    }

    @ParameterizedTest(name = "f={0}: {1} -> {3}")
    @MethodSource("malformed")
    void aMalformedViewChangeIsRejectedWithItsReason(int f, String what, ViewChange message,
                                                    ViewChangeRejectReason reason) {
        ViewChangeValidation validation = new ViewChangeValidation(new Quorums(f), LIMITS);

        assertEquals(Optional.of(reason), validation.check(message, NEW_VIEW), what);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void wellFormedViewChangesPass(int f) {
        ViewChangeValidation validation = new ViewChangeValidation(new Quorums(f), LIMITS);
        DigestView[] most = IntStream.range(0, f + 2).mapToObj(i -> dv(i == 0 ? "null" : "x" + i, i))
                .toArray(DigestView[]::new);

        assertEquals(Optional.empty(), validation.check(valid(), NEW_VIEW));
        assertEquals(Optional.empty(), validation.check(message(0, List.of(), List.of(), List.of()), NEW_VIEW),
                "an empty C is allowed: the rule only needs f + 1 messages to list the checkpoint");
        assertEquals(Optional.empty(), validation.check(message(H, List.of(c(H + L)),
                List.of(p(H + L, "null", 0)), List.of(q(H + L, most))), NEW_VIEW),
                "at the top of the window, the null request, f + 2 pairs");
        assertEquals(Optional.empty(), validation.check(new ViewChange(NEW_VIEW, H, List.of(), List.of(), List.of(),
                3 * f), NEW_VIEW), "the last replica of the group");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theQBoundIsFPlusTwo(int f) {
        assertEquals(f + 2, ViewChangeValidation.prePreparedDigestsMax(new Quorums(f)));
    }
}
