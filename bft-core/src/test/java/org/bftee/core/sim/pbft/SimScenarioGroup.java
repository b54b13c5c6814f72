package org.bftee.core.sim.pbft;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bftee.core.client.OperationKind;
import org.bftee.core.message.Bytes;
import org.bftee.core.scenario.ScenarioGroup;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.sim.Partition;

/**
 * The shared scenarios' group in the simulator: the real replicas and clients of {@link PbftCluster}
 * on virtual time, a perfect network, crashes as permanent partitions, and the view-change timeout
 * of {@link ViewChangeFamilies}. Closing it checks safety (agreement, exactly-once, linearizability).
 */
public final class SimScenarioGroup implements ScenarioGroup {

    /** Virtual time one call may take before the scenario fails. */
    static final long CALL_BOUND_MILLIS = 60_000;
    /** As many as the simulator's limits allow a client principal. */
    static final int LANES = SimSettings.LIMITS.lanesPerClientMax();

    private final PbftCluster cluster;
    private final Set<Integer> crashed = new HashSet<>();

    private SimScenarioGroup(long seed, int f, int clients) {
        this.cluster = PbftCluster.builder(seed).f(f).clients(clients).lanes(LANES)
                .viewChangeTimeoutMillis(ViewChangeFamilies.VIEW_CHANGE_TIMEOUT_MILLIS).build();
    }

    public static SimScenarioGroup start(long seed, int f, int clients) {
        return new SimScenarioGroup(seed, f, clients);
    }

    @Override
    public int f() {
        return cluster.f();
    }

    @Override
    public Bytes invoke(int client, KvOperation operation, boolean readOnly) {
        SimClient target = cluster.client(client);
        int before = target.completed().size();
        long now = cluster.sim().nowMillis();
        cluster.sim().on(target.id(), now, () -> target.invoke(0, operation, kind(readOnly)));
        runUntil(() -> target.completed().size() > before, "client " + client + ": " + operation);
        return target.completed().get(before).result();
    }

    @Override
    public List<Bytes> invokeAll(int client, List<KvOperation> operations) {
        SimClient target = cluster.client(client);
        Bytes[] results = new Bytes[operations.size()];
        int[] onLane = new int[LANES];
        ArrayDeque<Integer> next = new ArrayDeque<>();
        for (int i = 0; i < operations.size(); i++) {
            next.add(i);
        }
        int seen = target.completed().size();
        int done = 0;
        while (done < operations.size()) {
            for (int lane = 0; lane < LANES && !next.isEmpty(); lane++) {
                if (!target.core().isBusy(lane) && onLane[lane] == 0) {
                    int index = next.removeFirst();
                    onLane[lane] = index + 1;
                    int chosen = lane;
                    cluster.sim().on(target.id(), cluster.sim().nowMillis(),
                            () -> target.invoke(chosen, operations.get(index), OperationKind.READ_WRITE));
                }
            }
            int before = seen;
            runUntil(() -> target.completed().size() > before, "client " + client + ": " + operations.size()
                    + " concurrent operations, " + (operations.size() - next.size()) + " started");
            List<SimClient.Completed> completed = target.completed();
            for (; seen < completed.size(); seen++) {
                SimClient.Completed result = completed.get(seen);
                results[onLane[result.lane()] - 1] = result.result();
                onLane[result.lane()] = 0;
                done++;
            }
        }
        return List.of(results);
    }

    @Override
    public void crash(int replica) {
        crashed.add(replica);
        cluster.sim().network().partition(new Partition(Set.of(replica), cluster.sim().nowMillis(), Long.MAX_VALUE));
    }

    @Override
    public long view(int replica) {
        return cluster.replica(replica).replica().view();
    }

    @Override
    public boolean viewActive(int replica) {
        return cluster.replica(replica).replica().isViewActive();
    }

    @Override
    public long requestsExecuted(int replica) {
        return cluster.replica(replica).replica().counters().requestsExecuted();
    }

    @Override
    public void awaitExecutedEverywhere(long requests) {
        runUntil(() -> {
            for (int replica = 0; replica < n(); replica++) {
                if (!crashed.contains(replica) && requestsExecuted(replica) < requests) {
                    return false;
                }
            }
            return true;
        }, "every replica executing " + requests + " requests");
    }

    /** Checks safety over everything the scenario did. */
    @Override
    public void close() {
        cluster.verifySafety();
    }

    private void runUntil(java.util.function.BooleanSupplier done, String what) {
        long limit = cluster.sim().nowMillis() + CALL_BOUND_MILLIS;
        if (!cluster.sim().runUntil(done, limit)) {
            throw new AssertionError("not done within " + CALL_BOUND_MILLIS + " ms of virtual time: " + what
                    + " | replicas: " + cluster.replicaStates());
        }
    }

    private static OperationKind kind(boolean readOnly) {
        return readOnly ? OperationKind.READ_ONLY : OperationKind.READ_WRITE;
    }
}
