package org.bftee.core.sim.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.bftee.core.replica.PlantedBug;
import org.bftee.core.sim.check.Violation;
import org.junit.jupiter.api.Test;

/**
 * Evidence that the checkers work: each protocol bug the replica can plant is run, planted in
 * every replica that is not Byzantine, in the family most likely to expose it, and a checker (or
 * a replica invariant) must fire within {@link #SEEDS_BUDGET} seeds, on a seed that passes every
 * check when the bug is not planted. The test prints the seed and the checker's message.
 *
 * <ul>
 *   <li>{@code PREPARE_QUORUM_F}, {@code PREPARE_DIGEST_UNCHECKED}: an equivocating primary. A
 *       victim backup prepares its own variant with too few (or mismatching) PREPAREs and executes
 *       it tentatively, while the others execute the primary's batch: the agreement of executions
 *       in view 0 fails. (Committed agreement cannot fail in one view whatever the prepare rule:
 *       each commit certificate needs {@code 2f + 1} replicas that prepared.)
 *   <li>{@code EXACTLY_ONCE_SKIPPED}: a primary that puts a request it already ordered into a later
 *       batch: it executes twice.
 *   <li>{@code REQUEST_AUTHENTICATION_SKIPPED}: a primary that invents a request in a correct
 *       client's name with a garbage authenticator: backups execute a request the client never
 *       issued.
 *   <li>{@code NEW_VIEW_UNCHECKED}: a new primary whose NEW-VIEW drops or invents batches or
 *       names the wrong checkpoint ({@link LyingNewPrimary}): backups that take it without
 *       re-running the decision procedure execute something else than the others committed.
 * </ul>
 */
class PlantedBugTest {

    /** Seeds tried per bug: the CI budget of one family. */
    static final int SEEDS_BUDGET = 500;

    @Test
    void aPrepareQuorumOfFIsCaught() {
        assertCaught(PlantedBug.PREPARE_QUORUM_F, Families::equivocatingPrimary, "agreement");
    }

    @Test
    void preparesCountedWithoutTheirDigestAreCaught() {
        assertCaught(PlantedBug.PREPARE_DIGEST_UNCHECKED, Families::equivocatingPrimary, "agreement");
    }

    @Test
    void skippingTheReplyCacheAtExecutionIsCaught() {
        assertCaught(PlantedBug.EXACTLY_ONCE_SKIPPED, Families::rewritingPrimary, "exactly-once");
    }

    @Test
    void skippingRequestAuthenticationInPrePreparesIsCaught() {
        assertCaught(PlantedBug.REQUEST_AUTHENTICATION_SKIPPED, Families::rewritingPrimary, "never issued");
    }

    @Test
    void acceptingANewViewWithoutRerunningTheDecisionProcedureIsCaught() {
        assertCaught(PlantedBug.NEW_VIEW_UNCHECKED, ViewChangeFamilies::lyingNewPrimary, "");
    }

    private static void assertCaught(PlantedBug bug, Families.Family family, String expected) {
        for (int f = 1; f <= 2; f++) {
            for (long seed = 0; seed < SEEDS_BUDGET; seed++) {
                String caught = catchViolation(family, seed, f, bug);
                if (caught != null && catchViolation(family, seed, f, PlantedBug.NONE) == null) {
                    System.out.printf("%s at f = %d: caught at seed %d: %s%n", bug, f, seed, caught);
                    assertEquals(true, caught.contains(expected), bug + " was caught, but not by the expected checker: "
                            + caught);
                    break;
                }
                if (seed == SEEDS_BUDGET - 1) {
                    fail(bug + " at f = " + f + " went unnoticed over " + SEEDS_BUDGET + " seeds");
                }
            }
        }
    }

    /** The checker's or invariant's message if the run fails safety, or null if every check passes. */
    private static String catchViolation(Families.Family family, long seed, int f, PlantedBug bug) {
        try {
            family.run(seed, f, bug);
            return null;
        } catch (Violation violation) {
            return violation.getMessage();
        } catch (IllegalStateException broken) {
            if (broken.getMessage() != null && broken.getMessage().contains("invariant broken")) {
                return broken.getMessage();
            }
            throw broken;
        }
    }
}
