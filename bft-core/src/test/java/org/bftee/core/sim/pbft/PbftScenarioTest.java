package org.bftee.core.sim.pbft;

import static org.bftee.core.sim.pbft.PbftScenario.authenticFor;
import static org.bftee.core.sim.pbft.PbftScenario.largePut;
import static org.bftee.core.sim.pbft.PbftScenario.put;
import static org.bftee.core.sim.pbft.PbftScenario.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.message.MessageType;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests of the real replicas and clients on the simulator, each a rule of the paper
 * played out step by step with {@link PbftScenario}. Every scenario also passes every safety
 * checker; those about liveness say when the faults stop and check that everything outstanding
 * then completes within {@link Families#LIVENESS_BOUND_MILLIS}.
 */
class PbftScenarioTest {

    @Test
    void aReadOnlyRequestFallsBackToReadWriteWhenAWriteIsConcurrent() {
        PbftScenario group = PbftScenario.withF(1).clients(2);
        group.at(0).client(0).puts("k", "old");
        // Backup 3 hears nothing for a while, and nobody's COMMIT gets through: the write below
        // prepares and executes tentatively at replicas 0, 1 and 2, but cannot commit.
        group.at(100).cut(3).until(600);
        group.at(100).everyReplicaDrops(MessageType.COMMIT).until(400);
        group.at(150).client(1).puts("k", "new");
        // Replicas 0, 1 and 2 read "new" from a state that has not committed, so they hold their
        // replies; no 2f + 1 matching replies arrive, and the client retransmits as read-write.
        group.at(250).client(0).readsOnly("k");
        group.runUntilIdle();

        SimClient.Completed read = group.lastCompleted(0);
        assertTrue(read.fellBack(), "the read-only request fell back to read-write");
        assertEquals(Optional.of("new"), value(read));
        assertEquals(1, group.client(0).core().counters().readOnlyFallbacks());
        group.verifySafety();
    }

    @Test
    void aReadOnlyRequestOnACommittedStateNeedsNoOrdering() {
        PbftScenario group = PbftScenario.withF(1).clients(2);
        group.at(0).client(0).puts("k", "v");
        group.at(100).client(1).readsOnly("k");
        group.runUntilIdle();

        SimClient.Completed read = group.lastCompleted(1);
        assertEquals(Optional.of("v"), value(read));
        assertTrue(!read.fellBack(), "2f + 1 matching read-only replies suffice");
        for (int replica = 0; replica < 4; replica++) {
            assertEquals(1, group.replica(replica).replica().lastExecuted(), "the read was not ordered");
        }
        group.verifySafety();
    }

    @Test
    void anEquivocatingPrimaryCannotMakeCorrectBackupsExecuteDifferentBatches() {
        PbftScenario group = PbftScenario.withF(1).clients(2);
        group.at(0).replicaLies(0, new EquivocatingPrimary(Set.of(1), new SplittableRandom(1))).until(500);
        group.at(0).faultsStop();
        for (int i = 0; i < 6; i++) {
            group.at(10 + 60 * i).client(i % 2).puts("k" + i, "v" + i);
        }
        group.runUntilIdle();

        // The primary and backups 2 and 3 still form a quorum; backup 1, equivocated to, executes
        // nothing of its own, and once the others made checkpoint 4 stable it fetches that state.
        assertEquals(6, group.replica(2).replica().lastCommitted(), group.replicaStates());
        assertEquals(1, group.replica(1).replica().counters().checkpointsFetched(), group.replicaStates());
        assertEquals(4, group.replica(1).replica().lastExecuted(), group.replicaStates());
        group.verifySafety();
        group.verifyLiveness();
    }

    @Test
    void aBackupCutOffForLessThanACheckpointIntervalCatchesUpThroughStatus() {
        PbftScenario group = PbftScenario.withF(1).clients(1);
        group.at(0).cut(3).until(300);
        group.at(10).client(0).puts("a", "1");
        group.at(100).client(0).puts("b", "2");
        group.runUntilIdle();
        group.at(800).client(0).gets("a");
        group.runUntilIdle();

        assertEquals(3, group.replica(3).replica().lastCommitted(), group.replicaStates());
        group.verifySafety();
    }

    @Test
    void aRequestAFaultyClientReplaysIsAnsweredFromTheReplyCacheAndExecutesOnce() {
        PbftScenario group = PbftScenario.withF(1).clients(1).faultyClients(1);
        group.at(0).faultyClient(0).sendsAndReplays(put("faulty-k", "1"), 300);
        group.at(100).client(0).puts("k", "v");
        group.at(500).client(0).gets("k");
        group.runUntilIdle();

        for (int replica = 0; replica < 4; replica++) {
            assertEquals(3, group.replica(replica).replica().counters().requestsExecuted(), group.replicaStates());
        }
        group.verifySafety();
    }

    /**
     * Two requests of a faulty client, each authentic at the primary and one backup, but not the same
     * backup, land in one batch with a correct client's request: no backup can authenticate the whole
     * batch. Backups vouch per request with partial PREPAREs, so each request is vouched for by the
     * primary and {@code f} backups, every correct backup accepts, and the batch executes. Before per
     * request vouching, no backup ever prepared that batch and the correct client's request stalled.
     */
    @Test
    void aBatchWhoseRequestsAreAuthenticForDifferentBackupsIsAcceptedByPerRequestVouching() {
        PbftScenario group = PbftScenario.withF(1).clients(3).faultyClients(1);
        // Two batches stay in flight while no COMMIT gets through, so later requests wait and form one batch.
        group.at(0).everyReplicaDrops(MessageType.COMMIT).until(200);
        group.at(0).client(0).puts("a", "1");
        group.at(1).client(1).puts("b", "1");
        group.at(50).faultyClient(0).sendsToThePrimary(put("x", "1"), authenticFor(0, 1));
        group.at(51).faultyClient(0).sendsToThePrimary(put("y", "1"), authenticFor(0, 2));
        group.at(52).client(2).puts("c", "1");
        group.at(200).faultsStop();
        group.runUntilIdle();

        group.verifySafety();
        group.verifyLiveness();
        for (int replica = 0; replica < 4; replica++) {
            assertEquals(3, group.replica(replica).replica().lastExecuted(), group.replicaStates());
            assertEquals(5, group.replica(replica).replica().counters().requestsExecuted(), group.replicaStates());
        }
    }

    /**
     * A large request travels apart from its pre-prepare; backups that cannot authenticate its body
     * must still obtain it once {@code f} others vouch for the pre-prepare, as libbyz's
     * {@code Big_req_table::add_request(r, verified = false)} does. Before the fix, backups 2 and 3
     * dropped the body from every peer, never prepared, and every later sequence number stalled.
     */
    @Test
    void aLargeRequestSomeBackupsCannotAuthenticateDoesNotStallTheGroup() {
        PbftScenario group = PbftScenario.withF(1).clients(1).faultyClients(1);
        group.at(0).faultyClient(0).multicasts(largePut("faulty-k", "x"), authenticFor(0, 1));
        group.at(0).faultsStop();
        group.at(50).client(0).puts("k", "v");
        group.runUntilIdle();

        group.verifySafety();
        group.verifyLiveness();
    }

    /**
     * Replicas keep the bodies of large requests until they execute; a faulty client whose large
     * requests the primary cannot authenticate (so never orders) must not fill the backups' stores
     * and crowd out correct clients' large requests (libbyz bounds the unordered bodies of each
     * client: {@code Max_unmatched_requests_per_client}). Before the fix, after 256 such bodies
     * every backup refused the correct client's body (REQUEST_STORE_FULL) and could not prepare.
     */
    @Test
    void largeRequestsThePrimaryNeverOrdersDoNotCrowdOutCorrectClients() {
        PbftScenario group = PbftScenario.withF(1).clients(1).faultyClients(1);
        for (int i = 0; i < 300; i++) {
            group.at(i).faultyClient(0).multicasts(largePut("faulty-k", "junk-" + i), authenticFor(1, 2, 3));
        }
        group.at(400).faultsStop();
        group.at(400).client(0).putsLarge("k", "big");
        group.runUntilIdle();

        group.verifySafety();
        group.verifyLiveness();
    }
}
