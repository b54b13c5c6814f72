package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Message;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.replica.PlantedBug;
import org.bftee.core.replica.Replica;
import org.bftee.core.replica.ReplicaConfig;
import org.bftee.core.replica.ReplicaObserver;
import org.bftee.core.replica.ReplicaServices;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.sim.HostContext;
import org.bftee.core.sim.ProtocolNode;
import org.bftee.core.sim.check.RequestId;
import org.bftee.core.state.ObjectStore;

/**
 * The real {@link Replica}, running the key-value service on its own object store, as a node of the
 * simulator. Its observer feeds the agreement and exactly-once checkers with what it executed
 * <em>and committed</em>: a tentative execution is held back until the replica's last committed
 * sequence number reaches it (the replica reports no separate event for that), and dropped if it
 * is undone. Checkpoint digests go to the agreement checker at once: they are taken only of
 * committed state.
 */
final class SimReplica implements ProtocolNode {

    /** The requests of one executed batch, reported to the checkers once it is committed. */
    private record Executed(Digest batchDigest, List<RequestId> requests) {
    }

    private final Replica replica;
    private final RunCheckers checkers;
    private final SimDisk disk;
    private final ObjectStore store;
    private final boolean restored;
    /** Held by an attacker: its reports and invariants mean nothing until it has recovered. */
    private boolean compromised;
    private final TreeMap<Long, Executed> tentative = new TreeMap<>();
    private final List<RequestId> executing = new ArrayList<>();

    SimReplica(HostContext context, int f, PlantedBug bug, ProtocolTimeouts timeouts, RunCheckers checkers) {
        this(context, f, bug, timeouts, checkers, new SimDisk(), false);
    }

    /**
     * A replica that writes its stable checkpoints to {@code disk}; with {@code restore}, it starts
     * from what the disk holds (if that is intact), as a restarted process would.
     */
    SimReplica(HostContext context, int f, PlantedBug bug, ProtocolTimeouts timeouts, RunCheckers checkers,
               SimDisk disk, boolean restore) {
        this.checkers = checkers;
        this.disk = disk;
        ReplicaConfig config = ReplicaConfig.of(context.self(), f, SimSettings.LIMITS, timeouts,
                context.principals().clients()).withPlantedBug(bug);
        this.store = new ObjectStore(SimSettings.STORE_LIMITS, context.digests(), config.libraryObjects());
        this.restored = restore && disk.loadInto(store);
        ReplicaServices services = new ReplicaServices(context.codec(), context.digests().newDigester(),
                new Authenticators(context.keys()), context.clock(), store, new KvService(SimSettings.KV_LIMITS),
                new Observer(), disk.durableLog());
        this.replica = restore ? new Replica(config, services, context.outbox(), disk.logged())
                : new Replica(config, services, context.outbox());
        if (restored) {
            // The stored checkpoint must be the one the correct replicas took at that sequence number.
            checkers.agreement.checkpointed(context.self(), replica.lastExecuted(),
                    store.checkpointDigest(replica.lastExecuted()));
        }
        replica.start();
    }

    Replica replica() {
        return replica;
    }

    /**
     * An attacker takes the process: from now on, until the replica recovers, nothing it executes or
     * checkpoints is reported to the checkers and its invariants are not checked, and the attacker
     * changes {@code objects} objects (or the copies older checkpoints keep) behind the library's back.
     */
    void compromise(java.util.SplittableRandom attacker, int objects) {
        compromised = true;
        for (int i = 0; i < objects; i++) {
            byte[] value = new byte[1 + attacker.nextInt(8)];
            attacker.nextBytes(value);
            int index = attacker.nextInt(store.totalObjectCount());
            org.bftee.core.message.Bytes tampered = org.bftee.core.message.Bytes.wrap(value);
            // The copy an older checkpoint keeps, when there is one, on half of the attempts.
            if (!attacker.nextBoolean() || !store.tamperCopyForTest(index, tampered)) {
                store.tamperForTest(index, tampered);
            }
        }
    }

    boolean compromised() {
        return compromised;
    }

    /** Whether this replica started from the checkpoint on its disk. */
    boolean restored() {
        return restored;
    }

    @Override
    public void onMessage(int sender, Message message) {
        replica.onMessage(sender, message);
        reportCommitted();
    }

    @Override
    public void onTimer(ProtocolTimer timer) {
        replica.onTimer(timer);
        reportCommitted();
    }

    @Override
    public void checkInvariants() {
        if (compromised) {
            return;
        }
        replica.checkInvariants();
        if (!executing.isEmpty()) {
            throw new IllegalStateException("replica " + replica.id() + " reported requests " + executing
                    + " outside any executed batch");
        }
    }

    private void reportCommitted() {
        while (!tentative.isEmpty() && tentative.firstKey() <= replica.lastCommitted()) {
            Map.Entry<Long, Executed> batch = tentative.pollFirstEntry();
            report(batch.getKey(), batch.getValue());
        }
    }

    private void report(long sequence, Executed batch) {
        if (compromised) {
            return;
        }
        checkers.agreement.executed(replica.id(), sequence, batch.batchDigest());
        for (RequestId request : batch.requests()) {
            checkers.executedCommitted(replica.id(), sequence, request);
        }
    }

    private final class Observer implements ReplicaObserver {

        @Override
        public void requestExecuted(int self, int client, int lane, long timestamp, long sequence) {
            executing.add(new RequestId(client, lane, timestamp));
        }

        @Override
        public void batchExecuted(int self, long sequence, Digest batchDigest, boolean tentativeExecution) {
            Executed batch = new Executed(batchDigest, List.copyOf(executing));
            executing.clear();
            if (!compromised) {
                checkers.executedInView(replica.view(), self, sequence, batchDigest);
            }
            if (tentativeExecution) {
                tentative.put(sequence, batch);
            } else {
                report(sequence, batch);
            }
        }

        @Override
        public void batchUndone(int self, long sequence) {
            tentative.remove(sequence);
        }

        @Override
        public void checkpointTaken(int self, long sequence, Digest stateDigest) {
            if (!compromised) {
                checkers.agreement.checkpointed(self, sequence, stateDigest);
            }
        }

        @Override
        public void recovered(int self, long recoveryPoint, long durationMillis) {
            compromised = false; // from here on it must hold the group's state and behave
        }

        @Override
        public void stateTransferred(int self, long sequence, Digest stateDigest, long partitions) {
            // A fetched checkpoint must be the one the correct replicas took.
            if (!compromised) {
                checkers.agreement.checkpointed(self, sequence, stateDigest);
            }
            disk.write(store, sequence, true);
        }

        @Override
        public void checkpointStable(int self, long sequence) {
            disk.write(store, sequence, false);
        }
    }
}
