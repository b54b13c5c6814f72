package org.bftee.core.sim.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.Message;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeRef;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.sim.pbft.ForgingViewChangeBackup.Lie;
import org.bftee.core.sim.pbft.ForgingViewChangeBackup.Spread;
import org.bftee.core.viewchange.DecisionProcedure;
import org.bftee.core.viewchange.NewViewCheck;
import org.bftee.core.viewchange.NewViewCheck.Verdict;
import org.bftee.core.viewchange.NewViewDecision;
import org.bftee.core.viewchange.ViewChangeRejectReason;
import org.bftee.core.viewchange.ViewChangeValidation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Byzantine behaviours that attack the view change lie the way they say: forged VIEW-CHANGEs
 * stay well formed unless meant not to, each malformed one breaks the rule it names, and every
 * lying NEW-VIEW is caught by a backup that re-runs the decision procedure over the named messages.
 * Every message built here also fits the group's wire limits (the codec encodes it).
 */
class ViewChangeAttackersTest {

    /** Log window 16, checkpoint interval 4: the simulator's. */
    private static final ProtocolLimits LIMITS = SimSettings.LIMITS;
    private static final long NEW_VIEW = 5;
    private static final int SEEDS = 40;
    private static final int SELF = 2;

    private static Digest named(String name) {
        return DigestAlgorithm.SHA_256.newDigester().digest(name.getBytes(StandardCharsets.UTF_8));
    }

    private static CheckpointEntry checkpoint(long sequence) {
        return new CheckpointEntry(sequence, named("state-" + sequence));
    }

    private static DigestView pair(String batch, long view) {
        return new DigestView(named(batch), view);
    }

    /**
     * A correct replica's VIEW-CHANGE after some work: {@code h = 8}, checkpoints 8, 12 and 24 (the
     * window's top), "a", "b" and "e" prepared at 9, 11 and 23; at 9 a full Q entry, at 14 a batch
     * that only pre-prepared. A stale {@code h} must give up what lies above its lower window.
     */
    private static ViewChange busy(Quorums quorums, int replica) {
        List<DigestView> full = new ArrayList<>(List.of(pair("a", 3)));
        while (full.size() < ViewChangeValidation.prePreparedDigestsMax(quorums)) {
            full.add(pair("c" + full.size(), 1));
        }
        return new ViewChange(NEW_VIEW, 8, List.of(checkpoint(8), checkpoint(12), checkpoint(24)),
                List.of(new PreparedEntry(9, named("a"), 3), new PreparedEntry(11, named("b"), 4),
                        new PreparedEntry(23, named("e"), 4)),
                List.of(new PrePreparedEntry(9, full), new PrePreparedEntry(11, List.of(pair("b", 4))),
                        new PrePreparedEntry(14, List.of(pair("d", 4))),
                        new PrePreparedEntry(23, List.of(pair("e", 4)))),
                replica);
    }

    /** A correct replica's VIEW-CHANGE right after start: the initial checkpoint, nothing logged. */
    private static ViewChange fresh(int replica) {
        return new ViewChange(NEW_VIEW, 0, List.of(checkpoint(0)), List.of(), List.of(), replica);
    }

    private static List<ViewChange> truths(Quorums quorums) {
        return List.of(busy(quorums, SELF), fresh(SELF));
    }

    private static Function<Message, Digest> digestOf(Quorums quorums) {
        MessageCodec codec = new MessageCodec(1, WireLimits.forGroup(LIMITS, quorums.n()));
        return message -> DigestAlgorithm.SHA_256.newDigester().digest(codec.messageDigestInput(message));
    }

    /** Why the validation rejects {@code message}, after checking that the codec can send it. */
    private static Optional<ViewChangeRejectReason> check(Quorums quorums, ViewChange message) {
        digestOf(quorums).apply(message);
        return new ViewChangeValidation(quorums, LIMITS).check(message, NEW_VIEW);
    }

    // ---- ForgingViewChangeBackup -------------------------------------------------------------

    static Stream<Arguments> wellFormedLies() {
        return Stream.of(1, 2).flatMap(f -> Stream.of(Lie.values())
                .filter(lie -> lie != Lie.TRUTH && lie != Lie.MALFORMED)
                .map(lie -> Arguments.of(f, lie)));
    }

    @ParameterizedTest(name = "f = {0}, {1}")
    @MethodSource("wellFormedLies")
    void everyWellFormedLiePassesValidationAndSaysWhatItClaims(int f, Lie lie) {
        Quorums quorums = new Quorums(f);
        for (long seed = 0; seed < SEEDS; seed++) {
            ForgingViewChangeBackup liar = ForgingViewChangeBackup.wellFormed(SELF, Spread.SAME_TO_ALL, quorums,
                    LIMITS, new SplittableRandom(seed));
            for (ViewChange truth : truths(quorums)) {
                ViewChange forged = liar.tell(truth, lie);
                assertEquals(Optional.empty(), check(quorums, forged), () -> lie + ": " + forged);
                assertClaims(lie, truth, forged);
            }
        }
    }

    private static void assertClaims(Lie lie, ViewChange truth, ViewChange forged) {
        switch (lie) {
            case FORGED_PREPARED -> {
                assertSameCheckpoints(truth, forged);
                List<PreparedEntry> added = new ArrayList<>(forged.prepared());
                added.removeAll(truth.prepared());
                assertEquals(1, added.size(), "one invented P entry: " + forged);
                assertFalse(digests(truth).contains(added.get(0).digest()), "its batch is invented");
            }
            case FORGED_PRE_PREPARED -> {
                assertSameCheckpoints(truth, forged);
                assertEquals(truth.prepared(), forged.prepared());
                Set<Digest> added = digests(forged);
                added.removeAll(digests(truth));
                assertFalse(added.isEmpty(), "invented Q pairs: " + forged);
            }
            case NOTHING_PREPARED -> {
                assertSameCheckpoints(truth, forged);
                assertEquals(List.of(), forged.prepared());
                assertTrue(forged.prePrepared().isEmpty() || forged.prePrepared().equals(truth.prePrepared()));
            }
            case STALE_CHECKPOINT -> {
                if (truth.stableSequence() < LIMITS.checkpointInterval()) {
                    assertWrongCheckpointDigest(truth, forged);
                } else {
                    assertTrue(forged.stableSequence() < truth.stableSequence(), "h lowered: " + forged);
                }
            }
            case WRONG_CHECKPOINT_DIGEST -> assertWrongCheckpointDigest(truth, forged);
            default -> throw new IllegalArgumentException(lie.name());
        }
    }

    private static void assertSameCheckpoints(ViewChange truth, ViewChange forged) {
        assertEquals(truth.stableSequence(), forged.stableSequence());
        assertEquals(truth.checkpoints(), forged.checkpoints());
    }

    private static void assertWrongCheckpointDigest(ViewChange truth, ViewChange forged) {
        assertEquals(truth.stableSequence(), forged.stableSequence());
        assertEquals(truth.prepared(), forged.prepared());
        assertEquals(truth.prePrepared(), forged.prePrepared());
        assertEquals(sequences(truth.checkpoints()), sequences(forged.checkpoints()));
        List<CheckpointEntry> changed = new ArrayList<>(forged.checkpoints());
        changed.removeAll(truth.checkpoints());
        assertEquals(1, changed.size(), "one checkpoint with another digest: " + forged);
    }

    private static List<Long> sequences(List<CheckpointEntry> checkpoints) {
        return checkpoints.stream().map(CheckpointEntry::sequence).toList();
    }

    /** Every digest in P and Q. */
    private static Set<Digest> digests(ViewChange message) {
        Set<Digest> digests = new HashSet<>();
        message.prepared().forEach(entry -> digests.add(entry.digest()));
        message.prePrepared().forEach(entry -> entry.digestViews().forEach(pair -> digests.add(pair.digest())));
        return digests;
    }

    @ParameterizedTest(name = "f = {0}")
    @ValueSource(ints = {1, 2})
    void everyMalformedViewChangeIsRejectedForTheRuleItBreaks(int f) {
        Quorums quorums = new Quorums(f);
        List<ViewChangeRejectReason> possible = new ViewChangeForgery(quorums, LIMITS, new SplittableRandom(0))
                .malformations();
        assertEquals(ViewChangeRejectReason.values().length - 2, possible.size(), "all but wrong view and sender");
        for (long seed = 0; seed < SEEDS; seed++) {
            ViewChangeForgery forgery = new ViewChangeForgery(quorums, LIMITS, new SplittableRandom(seed));
            for (ViewChange truth : truths(quorums)) {
                for (ViewChangeRejectReason reason : possible) {
                    ViewChange malformed = forgery.malformed(truth, reason);
                    assertEquals(Optional.of(reason), check(quorums, malformed), () -> malformed.toString());
                }
            }
        }
    }

    static Stream<Arguments> spreads() {
        return Stream.of(1, 2).flatMap(f -> Stream.of(Spread.values()).map(spread -> Arguments.of(f, spread)));
    }

    @ParameterizedTest(name = "f = {0}, {1}")
    @MethodSource("spreads")
    void aWellFormedForgerLiesAsItsSpreadSaysRepeatsItselfAndSendsNothingMalformed(int f, Spread spread) {
        Quorums quorums = new Quorums(f);
        ViewChange truth = busy(quorums, SELF);
        int lies = 0;
        int truths = 0;
        int toldApart = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            ForgingViewChangeBackup liar = ForgingViewChangeBackup.wellFormed(SELF, spread, quorums, LIMITS,
                    new SplittableRandom(seed));
            Set<ViewChange> told = new HashSet<>();
            for (int receiver : receivers(quorums)) {
                ViewChange sent = (ViewChange) liar.rewrite(receiver, truth);
                assertEquals(Optional.empty(), check(quorums, sent), sent::toString);
                assertEquals(sent, liar.rewrite(receiver, truth), "a retransmission repeats the story");
                told.add(sent);
                if (sent.equals(truth)) {
                    truths++;
                } else {
                    lies++;
                }
            }
            toldApart += told.size() > 1 ? 1 : 0;
            ViewChange relayed = busy(quorums, SELF + 1);
            assertSame(relayed, liar.rewrite(0, relayed), "another replica's VIEW-CHANGE is forwarded as it is");
        }
        assertTrue(lies > truths, lies + " lies, " + truths + " truths");
        assertTrue(truths > 0, "some receivers get the truth");
        if (spread == Spread.SAME_TO_ALL) {
            assertEquals(0, toldApart, "every receiver hears the same story");
        } else {
            assertTrue(toldApart > SEEDS / 2, toldApart + " of " + SEEDS + " runs equivocate");
        }
    }

    @ParameterizedTest(name = "f = {0}")
    @ValueSource(ints = {1, 2})
    void aSometimesMalformedForgerSendsBothKinds(int f) {
        Quorums quorums = new Quorums(f);
        Set<ViewChangeRejectReason> rejected = new HashSet<>();
        int wellFormedLies = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            ForgingViewChangeBackup liar = ForgingViewChangeBackup.sometimesMalformed(SELF, Spread.EACH_ITS_OWN,
                    quorums, LIMITS, new SplittableRandom(seed));
            for (ViewChange truth : truths(quorums)) {
                for (int receiver : receivers(quorums)) {
                    ViewChange sent = (ViewChange) liar.rewrite(receiver, truth);
                    Optional<ViewChangeRejectReason> reason = check(quorums, sent);
                    reason.ifPresent(rejected::add);
                    if (reason.isEmpty() && !sent.equals(truth)) {
                        wellFormedLies++;
                    }
                }
            }
        }
        assertTrue(rejected.size() > 3, "several kinds of malformed messages: " + rejected);
        assertTrue(wellFormedLies > 0);
    }

    private static int[] receivers(Quorums quorums) {
        return IntStream.range(0, quorums.n()).filter(replica -> replica != SELF).toArray();
    }

    // ---- EquivocatingViewChanger -------------------------------------------------------------

    @ParameterizedTest(name = "f = {0}")
    @ValueSource(ints = {1, 2})
    void anEquivocatingViewChangerSendsWellFormedVersionsWithDifferentPreparedSets(int f) {
        Quorums quorums = new Quorums(f);
        Set<Integer> versionCounts = new HashSet<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            EquivocatingViewChanger changer = new EquivocatingViewChanger(SELF, quorums, LIMITS,
                    new SplittableRandom(seed));
            for (ViewChange truth : truths(quorums)) {
                Map<Integer, ViewChange> sent = new TreeMap<>();
                for (int receiver : receivers(quorums)) {
                    sent.put(receiver, (ViewChange) changer.rewrite(receiver, truth));
                    assertEquals(sent.get(receiver), changer.rewrite(receiver, truth), "a receiver keeps its version");
                }
                Set<ViewChange> versions = new HashSet<>(sent.values());
                versions.forEach(version -> assertEquals(Optional.empty(), check(quorums, version), version::toString));
                assertTrue(versions.contains(truth), "someone gets the truth");
                Set<List<PreparedEntry>> preparedSets = versions.stream().map(ViewChange::prepared)
                        .collect(Collectors.toSet());
                assertEquals(versions.size(), preparedSets.size(), "each version has its own P set");
                versionCounts.add(versions.size());
            }
            ViewChange relayed = fresh(SELF + 1);
            assertSame(relayed, changer.rewrite(0, relayed));
        }
        assertEquals(Set.of(2, 3), versionCounts);
    }

    // ---- LyingNewPrimary ---------------------------------------------------------------------

    /**
     * A view change every replica of which is at checkpoint 4; if {@code prepared}, a quorum
     * prepared "a" at 5 and "b" at 7, so a correct new primary decides a, null, b.
     */
    private static final class Group {
        final Quorums quorums;
        final Map<Integer, ViewChange> held = new TreeMap<>();
        final Function<Message, Digest> digestOf;
        final NewView honest;

        Group(int f, boolean prepared) {
            quorums = new Quorums(f);
            digestOf = digestOf(quorums);
            for (int replica = 0; replica < quorums.n(); replica++) {
                boolean preparedHere = prepared && replica < quorums.quorum();
                held.put(replica, new ViewChange(NEW_VIEW, 4, List.of(checkpoint(4)),
                        preparedHere ? List.of(new PreparedEntry(5, named("a"), 2), new PreparedEntry(7, named("b"), 3))
                                : List.of(),
                        preparedHere ? List.of(new PrePreparedEntry(5, List.of(pair("a", 2))),
                                new PrePreparedEntry(7, List.of(pair("b", 3)))) : List.of(),
                        replica));
            }
            Map<Integer, ViewChange> named = new TreeMap<>(held);
            named.keySet().removeIf(replica -> replica >= quorums.quorum());
            NewViewDecision.Decided decided = (NewViewDecision.Decided) new DecisionProcedure(quorums,
                    LIMITS.logWindow()).decide(named, digest -> true);
            List<ViewChangeRef> refs = named.values().stream()
                    .map(message -> new ViewChangeRef(message.replica(), digestOf.apply(message)))
                    .toList();
            honest = new NewView(NEW_VIEW, refs, decided.checkpoint(), decided.decisions());
        }

        Verdict verdictOn(NewView newView) {
            digestOf.apply(newView);
            return new NewViewCheck(quorums, LIMITS).check(newView, held, digestOf::apply).verdict();
        }
    }

    private static Verdict expectedVerdict(LyingNewPrimary.Lie lie) {
        return switch (lie) {
            case WRONG_CHECKPOINT_DIGEST, WRONG_CHECKPOINT_SEQUENCE -> Verdict.DIFFERENT_CHECKPOINT;
            case DROPPED_DECISION, TRUNCATED_DECISIONS, INVENTED_BATCH, APPENDED_DECISION -> Verdict.DIFFERENT_DECISION;
            case TOO_FEW_VIEW_CHANGES -> Verdict.NOT_ENOUGH_VIEW_CHANGES;
            case WRONG_VIEW_CHANGE_DIGEST -> Verdict.DIGEST_MISMATCH;
            case DUPLICATE_VIEW_CHANGE -> Verdict.DUPLICATE_VIEW_CHANGE_REF;
        };
    }

    static Stream<Arguments> newViewLies() {
        return Stream.of(1, 2).flatMap(f -> Stream.of(LyingNewPrimary.Lie.values()).map(lie -> Arguments.of(f, lie)));
    }

    @ParameterizedTest(name = "f = {0}, {1}")
    @MethodSource("newViewLies")
    void aBackupThatRerunsTheDecisionProcedureCatchesEveryLie(int f, LyingNewPrimary.Lie lie) {
        for (boolean prepared : new boolean[] {true, false}) {
            Group group = new Group(f, prepared);
            assertEquals(Verdict.ACCEPT, group.verdictOn(group.honest), "the truth is accepted");
            assertEquals(prepared ? 3 : 0, group.honest.decisions().size());
            for (long seed = 0; seed < SEEDS; seed++) {
                LyingNewPrimary primary = LyingNewPrimary.ownLieToEach(Set.of(1), group.quorums, LIMITS,
                        new SplittableRandom(seed));
                NewView lied = primary.lie(group.honest, lie);
                assertEquals(expectedVerdict(lie), group.verdictOn(lied), () -> lie + ": " + lied);
                // The lie keeps X's shape (decisions from h* + 1 on, without gaps): only the procedure exposes it.
                new NewViewDecision.Decided(lied.checkpoint(), lied.decisions());
            }
        }
    }

    @ParameterizedTest(name = "f = {0}")
    @ValueSource(ints = {1, 2})
    void aLyingNewPrimaryLiesToItsVictimsOnlyEachItsOwnWay(int f) {
        Group group = new Group(f, true);
        Set<Integer> victims = Set.of(1, 2);
        int victimsToldApart = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            LyingNewPrimary primary = LyingNewPrimary.ownLieToEach(victims, group.quorums, LIMITS,
                    new SplittableRandom(seed));
            assertSame(group.honest, primary.rewrite(3, group.honest), "not a victim");
            Message first = primary.rewrite(1, group.honest);
            Message second = primary.rewrite(2, group.honest);
            for (Message lied : List.of(first, second)) {
                assertNotEquals(Verdict.ACCEPT, group.verdictOn((NewView) lied));
            }
            assertEquals(first, primary.rewrite(1, group.honest), "a retransmission repeats the lie");
            if (!first.equals(second)) {
                victimsToldApart++;
            }
            Message other = busy(group.quorums, 0);
            assertSame(other, primary.rewrite(1, other));
        }
        assertTrue(victimsToldApart > SEEDS / 2, victimsToldApart + " of " + SEEDS);
    }

    @ParameterizedTest(name = "f = {0}")
    @ValueSource(ints = {1, 2})
    void aLyingNewPrimaryCanTellAllItsVictimsTheSameLie(int f) {
        Group group = new Group(f, true);
        Set<Integer> victims = IntStream.range(1, group.quorums.n()).boxed().collect(Collectors.toSet());
        for (long seed = 0; seed < SEEDS; seed++) {
            LyingNewPrimary primary = LyingNewPrimary.sameLieToAll(victims, group.quorums, LIMITS,
                    new SplittableRandom(seed));
            Message told = primary.rewrite(1, group.honest);
            assertNotEquals(Verdict.ACCEPT, group.verdictOn((NewView) told));
            for (int victim : victims) {
                assertEquals(told, primary.rewrite(victim, group.honest));
            }
        }
    }
}
