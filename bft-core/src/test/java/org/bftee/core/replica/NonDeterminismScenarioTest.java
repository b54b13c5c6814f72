package org.bftee.core.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.Service;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.state.ObjectStoreView;
import org.junit.jupiter.api.Test;

/** The primary proposes non-deterministic inputs through the service hook; backups check them. */
class NonDeterminismScenarioTest {

    /** A service that wants a per-batch "random" seed and records what it executed with. */
    static final class SeededService implements Service {
        final List<Long> seedsSeen = new ArrayList<>();
        final List<Long> timesSeen = new ArrayList<>();
        final long proposedSeed;
        final boolean acceptsSeeds;

        SeededService(long proposedSeed, boolean acceptsSeeds) {
            this.proposedSeed = proposedSeed;
            this.acceptsSeeds = acceptsSeeds;
        }

        @Override
        public Bytes execute(Bytes operation, InvocationContext context, ObjectStoreView state) {
            seedsSeen.add(context.nonDeterministicChoices().asReadOnlyBuffer().getLong());
            timesSeen.add(context.agreedTimeMillis());
            return ServiceResult.encode(ResultCode.OK);
        }

        @Override
        public boolean isReadOnly(Bytes operation) {
            return false;
        }

        @Override
        public Bytes proposeNonDeterministicChoices(long agreedTimeMillis, long sequence) {
            return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(proposedSeed + sequence).array());
        }

        @Override
        public boolean acceptsNonDeterministicChoices(Bytes choices, long agreedTimeMillis, long sequence) {
            return acceptsSeeds && choices.length() == Long.BYTES;
        }
    }

    @Test
    void everyReplicaExecutesWithThePrimarysChoicesAndTheAgreedTime() {
        List<SeededService> services = new ArrayList<>();
        ReplicaCluster cluster = new ReplicaCluster(1, ReplicaCluster.smallLimits(), id -> {
            SeededService service = new SeededService(1000L * (id + 1), true);
            services.add(service);
            return service;
        });
        cluster.clientSends(0, cluster.request(0, Bytes.of(new byte[] {1}), 0));
        cluster.run();
        for (SeededService service : services) {
            assertEquals(List.of(1001L), service.seedsSeen, "the primary's seed for batch 1, at every replica");
            assertEquals(List.of(cluster.nowMillis), service.timesSeen);
        }
    }

    @Test
    void backupsThatRefuseTheChoicesDoNotPrepare() {
        ReplicaCluster cluster = new ReplicaCluster(1, ReplicaCluster.smallLimits(),
                id -> new SeededService(7, id == 0));
        cluster.clientSends(0, cluster.request(0, Bytes.of(new byte[] {1}), 0));
        cluster.run();
        cluster.replicas.forEach(replica -> assertEquals(0, replica.lastExecuted()));
        for (int backup = 1; backup < cluster.n; backup++) {
            assertTrue(cluster.replicas.get(backup).counters().dropped(DropReason.NON_DETERMINISM_REJECTED) > 0);
        }
    }

    /**
     * A primary that orders more batches than milliseconds pass must not run its proposed time
     * ahead of the clocks: it once gave each batch the previous time plus one millisecond, drifted
     * past the backups' skew bound after 5,000 batches in one millisecond (a loaded group orders a
     * few thousand a second), and every backup refused its pre-prepares. Times may repeat.
     */
    @Test
    void aPrimaryOrderingMoreBatchesThanMillisecondsStaysWithinTheClockSkew() {
        ReplicaCluster cluster = new ReplicaCluster(1, ReplicaCluster.smallLimits());
        int batches = 5_100;
        for (int i = 0; i < batches; i++) {
            cluster.clientSends(0, cluster.request(0, Bytes.of(new byte[] {(byte) i}), 0));
            cluster.run();
        }
        for (Replica replica : cluster.replicas) {
            assertEquals(batches, replica.lastCommitted(), "replica " + replica.id());
            assertEquals(0, replica.counters().dropped(DropReason.NON_DETERMINISM_REJECTED), "replica " + replica.id());
        }
    }
}
