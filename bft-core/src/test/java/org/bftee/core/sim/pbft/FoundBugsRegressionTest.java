package org.bftee.core.sim.pbft;

import org.bftee.core.replica.PlantedBug;
import org.junit.jupiter.api.Test;

/**
 * The seeds on which the families found bugs in the replica (STYLE rule 11), each replayed by a
 * test named after the rule it broke (the first three fixed by "Fix three replica bugs the
 * simulator found", the view-change ones where they were found). The seeds are only meaningful with the families exactly as they are: a change to a
 * family must keep them, or re-find the bug on the code before the fix and record the new seeds.
 */
class FoundBugsRegressionTest {

    private record Run(String family, Families.Family run, int f, long seed) {
    }

    /**
     * {@code Agreement.onRequestBody} walks the window from {@code lastExecuted + 1} to the high
     * water mark it read before the loop; accepting a slot can execute batches and make a
     * checkpoint stable, which moves the water marks, and the next {@code log.slot(s)} throws
     * "sequence s outside the water marks": a request body (from a client or a peer) crashes the
     * replica (STYLE rule 3: peer input must never reach an assertion).
     */
    @Test
    void aRequestBodyThatArrivesWhileTheWaterMarksMoveDoesNotCrashTheReplica() {
        replay(new Run("partitionsThatHeal", Families::partitionsThatHeal, 1, 12),
                new Run("replayedFrames", Families::replayedFrames, 1, 79),
                new Run("primaryWithBadMacsToSomeBackups", Families::primaryWithBadMacsToSomeBackups, 2, 1),
                new Run("faultyClient", Families::faultyClient, 1, 15));
    }

    /**
     * {@code Slot.record} lets a later vote of a sender replace its earlier one in the same view,
     * even with another digest: a Byzantine backup that sends its true PREPARE and then a
     * different one takes back a prepared certificate a correct replica already used, and the
     * replica's invariant "executed batch s not prepared" breaks (and its commit can stall). A
     * correct replica votes once per view and sequence number (libbyz's certificates keep the
     * first message of each sender).
     */
    @Test
    void aBackupThatChangesItsVoteCannotTakeBackAPreparedCertificate() {
        replay(new Run("byzantineBackup", Families::byzantineBackup, 1, 9),
                new Run("byzantineBackup", Families::byzantineBackup, 2, 0));
    }

    /**
     * A faulty client's large request authentic at the primary and only some backups: the others
     * never accepted its body (from the client or any peer), never prepared, and the group stalled.
     * See {@link PbftScenarioTest#aLargeRequestSomeBackupsCannotAuthenticateDoesNotStallTheGroup}.
     */
    @Test
    void aLargeRequestSomeBackupsCannotAuthenticateDoesNotStallTheGroup() {
        replay(new Run("faultyClient", Families::faultyClient, 2, 21));
    }

    /**
     * A replica whose old primary was cut off rejoins, or a lagging backup accepts a NEW-VIEW,
     * whose checkpoint lies above everything it executed: the water marks move past its last
     * executed sequence number, and the loops that walked the window from {@code lastExecuted + 1}
     * ({@code Retransmission.highestHeld}) asked the log for a slot below the window and threw.
     */
    @Test
    void aReplicaBehindTheNewViewsCheckpointDoesNotWalkBelowTheWindow() {
        replay(new Run("partitionedPrimary", ViewChangeFamilies::partitionedPrimary, 1, 0),
                new Run("partitionedPrimary", ViewChangeFamilies::partitionedPrimary, 2, 0));
    }

    /**
     * A new primary behind the NEW-VIEW's checkpoint (f = 1, seed 5), or whose NEW-VIEW decided
     * more batches above its last committed one than a primary may have in flight (f = 2, seed
     * 168): the invariant on batches in flight counted batches the primary never assigned.
     */
    @Test
    void aNewViewsDecisionsDoNotCountAsBatchesThePrimaryAssigned() {
        replay(new Run("partitionedPrimary", ViewChangeFamilies::partitionedPrimary, 1, 5),
                new Run("partitionedPrimary", ViewChangeFamilies::partitionedPrimary, 2, 168));
    }

    /**
     * Four correct replicas of seven (f = 2) in view 1 prepared a batch and executed it tentatively,
     * but could not commit it: the fifth correct replica had gone on to view 2 with the two
     * Byzantine ones. The backups' view-change timers stopped at the tentative execution, so nobody
     * ever left view 1 (seed 101653). A request is now waited for until its batch commits.
     */
    @Test
    void aRequestExecutedOnlyTentativelyKeepsTheViewChangeTimerRunning() {
        replay(new Run("forgingBackups", ViewChangeFamilies::forgingBackups, 2, 101_653));
    }

    /**
     * A replier lied about a child's {@code lm} in a META-DATA while keeping the partition's largest
     * {@code lm}: the partition's digest covers its children's digests, not their {@code lm}, so the
     * lie passed, and the fetcher then refused every honest answer for that child because its
     * {@code lm} differed from the lie (f = 1, seed 149). Only digests decide now.
     */
    @Test
    void aLieAboutAChildsLastModifiedCannotStallStateTransfer() {
        replay(new Run("lyingStateReplier", StateTransferFamilies::lyingStateReplier, 1, 149));
    }

    /**
     * Recovery bugs found by the recovery family beyond the CI seeds: a recovering replica that found
     * objects changed behind its back moved its low water mark to its own unvouched checkpoint and then
     * refused the group's older CHECKPOINTs as stale, so it never recovered (f = 1, seed 210); a replica
     * counted as recovered on a vouched checkpoint older than the one it restarted from, whose state
     * later batches had built on changed objects (f = 1, seed 82); a replica alone in a view change
     * with a batch executed tentatively never fetched the group's stable checkpoint at that batch
     * (f = 2, seed 185); a repair of an older checkpoint went on after a later one became stable with
     * the replica's own vote, and rolled it back below its stable checkpoint (f = 1, seed 484; f = 2,
     * seed 454).
     */
    @Test
    void recoveriesFinishOnTheGroupsStateAndAReplicaAloneInAViewChangeCatchesUp() {
        replay(new Run("staggeredRecoveries", RecoveryFamilies::staggeredRecoveries, 1, 210),
                new Run("staggeredRecoveries", RecoveryFamilies::staggeredRecoveries, 1, 82),
                new Run("staggeredRecoveries", RecoveryFamilies::staggeredRecoveries, 2, 185),
                new Run("staggeredRecoveries", RecoveryFamilies::staggeredRecoveries, 1, 484),
                new Run("staggeredRecoveries", RecoveryFamilies::staggeredRecoveries, 2, 454));
    }

    /**
     * After the whole group crashed and restarted from its durable logs, every replica was back at
     * its stored checkpoint and answered read-only requests from there: 2f + 1 matching answers
     * older than a write the client had seen acknowledged (f = 1 and f = 2, seed 7). A replica
     * restarted from its log now answers read-only requests only once it executed again as far as
     * its log shows it may have executed before.
     */
    @Test
    void aReplicaRestartedFromItsLogAnswersNoReadBeforeItCaughtUp() {
        replay(new Run("fullGroupCrash", DurabilityFamilies::fullGroupCrash, 1, 7),
                new Run("fullGroupCrash", DurabilityFamilies::fullGroupCrash, 2, 7));
    }

    /**
     * The reply cache kept a result above 256 bytes by its digest only, the result itself in
     * memory: after the whole group restarted, a client whose reply was lost in the crash got only
     * digest replies, from every replica, and waited for ever (f = 1, seed 1081; f = 2, seed 1986).
     * A result is now kept whole whenever it fits in one object, as the thesis keeps the last reply.
     */
    @Test
    void aReplyLostInAFullGroupCrashIsSentAgainFromTheState() {
        replay(new Run("fullGroupCrash", DurabilityFamilies::fullGroupCrash, 1, 1081),
                new Run("fullGroupCrash", DurabilityFamilies::fullGroupCrash, 2, 1986));
    }

    /**
     * Two lagging replicas (one restarted empty, one correct replica behind the stable checkpoint 8)
     * never fetched it: the others had discarded the log below it, and the only rule that fetched a
     * checkpoint inside the window wanted {@code 2f + 1} other replicas to hold it, which with one of
     * them faulty and this one behind never happens. Their view-change timers expired, and the new
     * primary of view 1 was the empty replica, whose decision chose checkpoint 16 and a batch at 17,
     * above its own window: it could neither hold that batch nor ask for it, so it never sent the
     * NEW-VIEW (f = 1, seed 2176). A replica now fetches a checkpoint above what it committed, while it
     * stalls, once {@code f + 1} others vouch for its digest and {@code f + 1} report it stable (the
     * thesis' rule), and a new primary whose chosen batches lie above its window first moves to the
     * chosen checkpoint (see also {@code ViewChangeScenarioTest}).
     */
    @Test
    void laggingReplicasThatCannotExecuteDoNotLeaveTheGroupStuckInAViewChange() {
        replay(new Run("crashAndRestart", StateTransferFamilies::crashAndRestart, 1, 2176));
    }

    private static void replay(Run... runs) {
        for (Run run : runs) {
            try {
                run.run().run(run.seed(), run.f(), PlantedBug.NONE);
            } catch (RuntimeException | AssertionError failure) {
                throw new AssertionError(run.family() + " at f = " + run.f() + ", seed " + run.seed() + ": "
                        + failure.getMessage(), failure);
            }
        }
    }
}
