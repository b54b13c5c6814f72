package org.bftee.core.sim.pbft;

import static org.bftee.core.sim.pbft.PbftScenario.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

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
}
