package org.bftee.core.sim.pbft;

import static org.bftee.core.sim.pbft.PbftScenario.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.bftee.core.message.MessageType;
import org.junit.jupiter.api.Test;

/** The view change, as the paper tells it, one scenario at a time (f = 1 unless named). */
class ViewChangeScenarioTest {

    @Test
    void aCrashedPrimaryIsReplacedAndTheRequestCompletesInTheNextView() {
        PbftScenario group = PbftScenario.withF(1).clients(1);
        group.at(0).cut(0).until(60_000);
        group.at(10).client(0).puts("k", "v");
        group.at(9_000).client(0).gets("k");
        group.runUntilIdle();

        assertEquals(Optional.of("v"), value(group.lastCompleted(0)), group.replicaStates());
        for (int replica = 1; replica < 4; replica++) {
            assertEquals(1, group.replica(replica).replica().view(), group.replicaStates());
            assertTrue(group.replica(replica).replica().isViewActive(), group.replicaStates());
        }
        group.verifySafety();
    }

    @Test
    void aRequestPreparedInViewZeroIsExecutedAtTheSameSequenceNumberInViewOne() {
        PbftScenario group = PbftScenario.withF(1).clients(2);
        group.at(0).everyReplicaDrops(MessageType.COMMIT).until(300);
        group.at(10).client(0).puts("a", "1");
        group.at(200).cut(0).until(60_000);
        group.at(9_000).client(1).puts("b", "2");
        group.runUntilIdle();

        for (int replica = 1; replica < 4; replica++) {
            assertEquals(1, group.replica(replica).replica().view(), group.replicaStates());
            assertEquals(2, group.replica(replica).replica().lastCommitted(), group.replicaStates());
        }
        group.verifySafety();
    }

    @Test
    void aSilentPrimaryIsReplacedAtFTwo() {
        PbftScenario group = PbftScenario.withF(2).clients(2);
        group.at(0).replicaLies(0, (receiver, message) -> message.type() == MessageType.PRE_PREPARE ? null : message)
                .until(60_000);
        group.at(10).client(0).puts("a", "1");
        group.at(20).client(1).puts("b", "2");
        group.runUntilIdle();

        for (int replica = 1; replica < 7; replica++) {
            assertEquals(1, group.replica(replica).replica().view(), group.replicaStates());
            assertEquals(2, group.replica(replica).replica().counters().requestsExecuted(), group.replicaStates());
        }
        group.verifySafety();
    }

    /**
     * Read-only requests keep working around a view change: before it, while the backups change
     * view (replicas answer them from their state at once, with 2f + 1 matching replies needed),
     * and after it; a write issued meanwhile completes in the new view, and the linearizability
     * checker judges every read against it.
     */
    @Test
    void readOnlyRequestsAreAnsweredBeforeDuringAndAfterAViewChange() {
        PbftScenario group = PbftScenario.withF(1).clients(9);
        group.at(10).client(0).puts("k", "v");
        group.at(200).cut(0).until(60_000);
        group.at(300).client(1).readsOnly("k");
        group.at(400).client(0).puts("k", "w");
        for (int reader = 2; reader < 8; reader++) {
            group.at(500L * reader).client(reader).readsOnly("k");
        }
        group.at(9_000).client(8).readsOnly("k");
        group.runUntilIdle();

        // A read whose designated replier is the crashed primary gets digests only, retries, and
        // may fall back to a read-write request ordered after the write: either value is linearizable.
        for (int reader = 1; reader < 8; reader++) {
            assertTrue(Set.of(Optional.of("v"), Optional.of("w")).contains(value(group.lastCompleted(reader))),
                    group.replicaStates());
        }
        assertEquals(Optional.of("w"), value(group.lastCompleted(8)), group.replicaStates());
        group.verifySafety();
    }

    /**
     * The new primary (replica 1) was cut off from the start and learns nothing of the checkpoints
     * (every CHECKPOINT is lost), so it enters the view change empty, with its window at 0, while the
     * others made checkpoint 16 stable and prepared batches 17 and 18. The decision procedure chooses
     * checkpoint 16 and those batches, which lie above the primary's window: it can neither hold them
     * nor ask for them until it fetches the chosen checkpoint, which it does at once, and it sends the
     * NEW-VIEW for view 1 instead of waiting for the timer to move the group on to view 2.
     */
    @Test
    void aNewPrimaryBehindTheChosenCheckpointFetchesItAndSendsTheNewView() {
        PbftScenario group = PbftScenario.withF(1).clients(1);
        group.at(0).cut(1).until(3_000);
        for (int i = 0; i < 18; i++) {
            group.at(10 + 150L * i).client(0).puts("k" + i, "v" + i);
        }
        group.at(2_900).everyReplicaDrops(MessageType.CHECKPOINT).until(60_000);
        group.at(3_000).cut(0).until(60_000);
        group.at(3_100).client(0).puts("k", "after");
        group.runUntilIdle();

        assertEquals(19, group.client(0).completed().size(), group.replicaStates());
        for (int replica = 1; replica < 4; replica++) {
            assertEquals(1, group.replica(replica).replica().view(), group.replicaStates());
            assertTrue(group.replica(replica).replica().isViewActive(), group.replicaStates());
        }
        assertTrue(group.replica(1).replica().counters().checkpointsFetched() >= 1, group.replicaStates());
        group.verifySafety();
    }
}
