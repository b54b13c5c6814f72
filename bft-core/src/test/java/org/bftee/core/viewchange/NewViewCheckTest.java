package org.bftee.core.viewchange;

import static org.bftee.core.viewchange.ViewChangeScenario.LIMITS;
import static org.bftee.core.viewchange.ViewChangeScenario.NEW_VIEW;
import static org.bftee.core.viewchange.ViewChangeScenario.checkpoint;
import static org.bftee.core.viewchange.ViewChangeScenario.decided;
import static org.bftee.core.viewchange.ViewChangeScenario.decisions;
import static org.bftee.core.viewchange.ViewChangeScenario.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Decision;
import org.bftee.core.message.NewView;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeRef;
import org.bftee.core.viewchange.NewViewCheck.Result;
import org.bftee.core.viewchange.NewViewCheck.Verdict;
import org.bftee.core.viewchange.NewViewDecision.Decided;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backup re-runs the decision procedure over the VIEW-CHANGE messages a NEW-VIEW names and
 * accepts only the same checkpoint and decisions (PROTOCOL.md, "NEW-VIEW").
 */
class NewViewCheckTest {

    /** A primary's view of a view change in which "a" prepared at 1 and "b" at 3, from checkpoint K. */
    private static final class Setting {
        final ViewChangeScenario group;
        final Map<Integer, ViewChange> held;
        final Function<ViewChange, Digest> digestOf;
        final NewViewCheck check;

        Setting(int f) {
            group = ViewChangeScenario.group(f);
            int quorum = group.quorums.quorum();
            group.each(replicas(0, group.n()), r -> r.stable(4).checkpoint(4, "state-4"))
                    .each(replicas(0, quorum), r -> r.prepared(5, "a", 2).prepared(7, "b", 3));
            held = group.viewChanges();
            digestOf = group.digestOf();
            check = new NewViewCheck(group.quorums, LIMITS);
        }

        /** The NEW-VIEW a correct primary sends naming {@code named}. */
        NewView newViewOf(int... named) {
            Map<Integer, ViewChange> accepted = new TreeMap<>();
            for (int j : named) {
                accepted.put(j, held.get(j));
            }
            Decided decided = decided(group.procedure().decide(accepted, digest -> true));
            return new NewView(NEW_VIEW, refs(named), decided.checkpoint(), decided.decisions());
        }

        List<ViewChangeRef> refs(int... named) {
            List<ViewChangeRef> refs = new ArrayList<>();
            for (int j : named) {
                refs.add(new ViewChangeRef(j, digestOf.apply(held.get(j))));
            }
            return refs;
        }

        Result check(NewView newView) {
            return check.check(newView, held, digestOf);
        }

        int[] quorum() {
            return replicas(0, group.quorums.quorum());
        }
    }

    private static NewView withDecisions(NewView newView, List<Decision> decisions) {
        return new NewView(newView.newView(), newView.viewChanges(), newView.checkpoint(), decisions);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aBackupAcceptsWhatTheProcedureDecides(int f) {
        Setting setting = new Setting(f);
        NewView newView = setting.newViewOf(setting.quorum());

        assertEquals(checkpoint(4, "state-4"), newView.checkpoint());
        assertEquals(decisions(5, "a", "null", "b"), newView.decisions());
        assertTrue(setting.check(newView).accepted());
        assertTrue(setting.check(setting.newViewOf(replicas(0, setting.group.n()))).accepted());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void fewerThanAQuorumOfNamedViewChangesIsRejected(int f) {
        Setting setting = new Setting(f);
        NewView full = setting.newViewOf(setting.quorum());
        NewView newView = new NewView(NEW_VIEW, full.viewChanges().subList(0, 2 * f), full.checkpoint(),
                full.decisions());

        assertEquals(Verdict.NOT_ENOUGH_VIEW_CHANGES, setting.check(newView).verdict());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void namingAReplicaTwiceOrOutsideTheGroupIsRejected(int f) {
        Setting setting = new Setting(f);
        NewView full = setting.newViewOf(setting.quorum());
        List<ViewChangeRef> twice = new ArrayList<>(full.viewChanges());
        twice.set(1, twice.get(0));
        List<ViewChangeRef> outside = new ArrayList<>(full.viewChanges());
        outside.add(new ViewChangeRef(setting.group.n(), Digest.ZERO));

        Result duplicate = setting.check(new NewView(NEW_VIEW, twice, full.checkpoint(), full.decisions()));
        assertEquals(Verdict.DUPLICATE_VIEW_CHANGE_REF, duplicate.verdict());
        assertEquals(List.of(0), duplicate.replicas());
        assertEquals(Verdict.VIEW_CHANGE_REF_OUT_OF_RANGE,
                setting.check(new NewView(NEW_VIEW, outside, full.checkpoint(), full.decisions())).verdict());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void missingViewChangesAreNamedSoTheBackupCanFetchThem(int f) {
        Setting setting = new Setting(f);
        NewView newView = setting.newViewOf(setting.quorum());
        setting.held.remove(0);
        setting.held.remove(2);

        Result result = setting.check(newView);
        assertEquals(Verdict.MISSING_VIEW_CHANGES, result.verdict());
        assertEquals(List.of(0, 2), result.replicas());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aHeldViewChangeWithAnotherDigestIsReported(int f) {
        Setting setting = new Setting(f);
        NewView newView = setting.newViewOf(setting.quorum());
        // Replica 1 sent this backup another VIEW-CHANGE than the one the primary counted.
        setting.held.put(1, ViewChangeBuilder.from(1).stable(4).checkpoint(4, "state-4").forView(NEW_VIEW));

        Result result = setting.check(newView);
        assertEquals(Verdict.DIGEST_MISMATCH, result.verdict());
        assertEquals(List.of(1), result.replicas());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void anotherReplicasViewChangeNamedUnderAReplicaIsRejected(int f) {
        Setting setting = new Setting(f);
        NewView full = setting.newViewOf(setting.quorum());
        int spare = setting.group.n() - 1;
        // The primary names replica 0's message again, under the id of a replica it has none from.
        List<ViewChangeRef> refs = new ArrayList<>(full.viewChanges());
        refs.add(new ViewChangeRef(spare, full.viewChanges().get(0).digest()));
        setting.held.put(spare, setting.held.get(0));

        Result result = setting.check(new NewView(NEW_VIEW, refs, full.checkpoint(), full.decisions()));
        assertEquals(Verdict.SENDER_MISMATCH, result.verdict());
        assertEquals(List.of(spare), result.replicas());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aNamedViewChangeThatIsMalformedIsRejected(int f) {
        Setting setting = new Setting(f);
        setting.held.put(0, ViewChangeBuilder.from(0).stable(4).checkpoint(4, "state-4").prepared(5, "a", NEW_VIEW)
                .forView(NEW_VIEW));
        NewView newView = new NewView(NEW_VIEW, setting.refs(setting.quorum()), checkpoint(4, "state-4"),
                decisions(5, "a"));

        Result result = setting.check(newView);
        assertEquals(Verdict.MALFORMED_VIEW_CHANGE, result.verdict());
        assertEquals(List.of(0), result.replicas());
        assertEquals(ViewChangeRejectReason.PREPARED_VIEW_NOT_BELOW_NEW_VIEW.name(), result.detail());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void namedViewChangesThatDecideNothingAreRejected(int f) {
        Setting setting = new Setting(f);
        // The primary names f + 1 replicas that prepared a at 5 and the f faulty ones, which claim
        // x prepared there in view 4: x fails A2, a fails A1, and no quorum lacks a P entry for 5.
        int n = setting.group.n();
        for (int j = n - f; j < n; j++) {
            setting.held.put(j, ViewChangeBuilder.from(j).stable(4).checkpoint(4, "state-4").prepared(5, "x", 4)
                    .forView(NEW_VIEW));
        }
        int[] named = new int[2 * f + 1];
        for (int i = 0; i <= f; i++) {
            named[i] = i;
        }
        for (int i = 0; i < f; i++) {
            named[f + 1 + i] = n - f + i;
        }
        NewView newView = new NewView(NEW_VIEW, setting.refs(named), checkpoint(4, "state-4"), decisions(5, "x"));

        Result result = setting.check(newView);
        assertEquals(Verdict.UNDECIDED, result.verdict());
        assertEquals("SEQUENCE_UNDECIDED at 5", result.detail());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aPrimaryThatReplacesAChosenBatchIsCaught(int f) {
        Setting setting = new Setting(f);
        NewView honest = setting.newViewOf(setting.quorum());

        assertEquals(Verdict.DIFFERENT_DECISION,
                setting.check(withDecisions(honest, decisions(5, "null", "null", "b"))).verdict(), "a dropped");
        assertEquals(Verdict.DIFFERENT_DECISION,
                setting.check(withDecisions(honest, decisions(5, "a", "c", "b"))).verdict(), "null replaced");
        assertEquals(Verdict.DIFFERENT_DECISION,
                setting.check(withDecisions(honest, decisions(5, "a", "null"))).verdict(), "b left out");
        assertEquals(Verdict.DIFFERENT_DECISION,
                setting.check(withDecisions(honest, decisions(5, "a", "null", "b", "null"))).verdict(),
                "a trailing null added");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aPrimaryThatClaimsAnotherCheckpointIsCaught(int f) {
        Setting setting = new Setting(f);
        NewView honest = setting.newViewOf(setting.quorum());
        CheckpointEntry forged = checkpoint(4, "forged");

        NewView newView = new NewView(NEW_VIEW, honest.viewChanges(), forged, honest.decisions());
        assertEquals(Verdict.DIFFERENT_CHECKPOINT, setting.check(newView).verdict());
    }
}
