package org.bftee.core.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.bftee.core.message.Bytes;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests of the view change on the replicas alone (no simulator: the test delivers every
 * message and fires every timer), named after the rules of the paper they check. f = 1.
 */
class ViewChangeReplicaScenarioTest {

    private final ReplicaCluster cluster = new ReplicaCluster(1, ReplicaCluster.smallLimits());

    @Test
    void aReplicaJoinsAViewChangeAfterFPlusOneViewChangeMessagesForHigherViews() {
        cluster.replicas.get(1).onTimer(ProtocolTimer.VIEW_CHANGE);
        cluster.replicas.get(2).onTimer(ProtocolTimer.VIEW_CHANGE);
        cluster.run();

        for (Replica replica : cluster.replicas) {
            assertEquals(1, replica.view(), "replica " + replica.id());
            assertTrue(replica.isViewActive(), "replica " + replica.id() + " installed view 1");
            assertEquals(1, replica.counters().viewChangesStarted(), "replica " + replica.id());
        }
    }

    @Test
    void oneReplicasViewChangeAloneNeverStartsAViewChange() {
        cluster.replicas.get(2).onTimer(ProtocolTimer.VIEW_CHANGE);
        cluster.run();

        for (int id : new int[] {0, 1, 3}) {
            Replica replica = cluster.replicas.get(id);
            assertEquals(0, replica.view(), "replica " + id);
            assertTrue(replica.isViewActive(), "replica " + id);
        }
        assertEquals(1, cluster.replicas.get(2).view());
        assertFalse(cluster.replicas.get(2).isViewActive(), "the lone replica waits for a NEW-VIEW that never comes");
    }

    @Test
    void aRequestCommittedInViewZeroKeepsItsSequenceNumberAndIsNotExecutedAgainInViewOne() {
        Request first = cluster.request(0, put("a", "1"), 0);
        cluster.clientSends(0, first);
        cluster.run();
        everyReplicaChangesView();
        Request second = cluster.request(0, put("b", "2"), 0);
        cluster.clientSends(1, second);
        cluster.run();

        for (Replica replica : cluster.replicas) {
            assertEquals(1, replica.view(), "replica " + replica.id());
            assertEquals(2, replica.lastCommitted(), "replica " + replica.id());
            assertEquals(2, replica.counters().requestsExecuted(), "replica " + replica.id());
        }
    }

    /**
     * Only replica 3 gets the PREPAREs, so only it prepares and tentatively executes the batch;
     * the new primary never hears from it, so its NEW-VIEW keeps nothing at sequence number 1
     * and replica 3 must undo its tentative execution. The client's retransmission then orders
     * the request again at sequence number 1 of view 1, and every replica ends with it executed once.
     */
    @Test
    void aTentativeExecutionTheNewViewDoesNotKeepIsRolledBack() {
        cluster.filter = (envelope, c) -> !(envelope.message().type() == MessageType.PREPARE && envelope.to() != 3)
                && !(envelope.from() == 3 && envelope.to() == 1);
        Request request = cluster.request(0, put("a", "1"), 0);
        cluster.clientSends(0, request);
        cluster.run();
        assertEquals(1, cluster.replicas.get(3).lastExecuted(), "replica 3 executed tentatively");
        assertEquals(0, cluster.replicas.get(3).lastCommitted());

        everyReplicaChangesView();
        assertEquals(1, cluster.replicas.get(3).counters().tentativeBatchesUndone());
        cluster.filter = (envelope, c) -> true;
        cluster.clientMulticasts(request);
        cluster.run();

        for (Replica replica : cluster.replicas) {
            assertEquals(1, replica.view(), "replica " + replica.id());
            assertEquals(1, replica.lastCommitted(), "replica " + replica.id());
            assertEquals(replica.id() == 3 ? 2 : 1, replica.counters().requestsExecuted(),
                    "executions, the undone one included: replica " + replica.id());
        }
    }

    private void everyReplicaChangesView() {
        for (Replica replica : cluster.replicas) {
            replica.onTimer(ProtocolTimer.VIEW_CHANGE);
        }
        cluster.run();
    }

    private static Bytes put(String key, String value) {
        return KvOperations.encode(new KvOperation.Put(bytes(key), bytes(value)));
    }

    private static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
