package org.bftee.runtime.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.message.Bytes;
import org.bftee.core.scenario.ScenarioGroup;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.driver.ReplicaStatus;

/**
 * The shared scenarios' group over Netty on loopback: a {@link LocalGroup} with real threads,
 * sockets and keys; a crash kills the replica's driver; a client is a {@link BftClient} session.
 */
final class NettyScenarioGroup implements ScenarioGroup {

    /** Wall-clock time one call may take before the scenario fails. */
    static final Duration CALL_BOUND = Duration.ofSeconds(30);
    /** A short view-change timeout, so that crashed primaries are replaced within the scenario's patience. */
    static final ProtocolTimeouts TIMEOUTS = new ProtocolTimeouts(Duration.ofMillis(500), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5));

    private final LocalGroup group;
    private final Map<Integer, BftClient> clients = new HashMap<>();
    private final int f;

    NettyScenarioGroup(int f, int clients) {
        this.f = f;
        this.group = LocalGroup.start(f, clients, ProtocolLimits.defaults(), TIMEOUTS,
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
    }

    @Override
    public int f() {
        return f;
    }

    @Override
    public Bytes invoke(int client, KvOperation operation, boolean readOnly) {
        return await(session(client).invokeAsync(KvOperations.encode(operation), readOnly), operation.toString());
    }

    @Override
    public List<Bytes> invokeAll(int client, List<KvOperation> operations) {
        List<CompletableFuture<Bytes>> calls = new ArrayList<>();
        for (KvOperation operation : operations) {
            calls.add(session(client).invokeAsync(KvOperations.encode(operation), false));
        }
        List<Bytes> results = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            results.add(await(calls.get(i), operations.get(i).toString()));
        }
        return results;
    }

    @Override
    public void crash(int replica) {
        group.killReplica(replica);
    }

    @Override
    public long view(int replica) {
        return status(replica).view();
    }

    @Override
    public boolean viewActive(int replica) {
        return status(replica).viewActive();
    }

    @Override
    public long requestsExecuted(int replica) {
        return status(replica).requestsExecuted();
    }

    @Override
    public void awaitExecutedEverywhere(long requests) {
        long deadline = System.nanoTime() + CALL_BOUND.toNanos();
        for (int replica = 0; replica < n(); replica++) {
            while (group.replica(replica) != null && status(replica).requestsExecuted() < requests) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("replica " + replica + " did not execute " + requests + " requests: "
                            + status(replica));
                }
                sleep();
            }
        }
    }

    @Override
    public void close() {
        group.close();
    }

    private BftClient session(int client) {
        return clients.computeIfAbsent(client, index -> {
            try {
                return group.connectClient(index, BftClientOptions.defaults().withLanes(8));
            } catch (BftClientException.GroupUnreachable unreachable) {
                throw new AssertionError(unreachable.getMessage(), unreachable);
            }
        });
    }

    private ReplicaStatus status(int replica) {
        if (group.replica(replica) == null) {
            throw new IllegalStateException("replica " + replica + " was crashed by the scenario");
        }
        return group.replica(replica).status();
    }

    private static Bytes await(CompletableFuture<Bytes> call, String what) {
        try {
            return call.get(CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + CALL_BOUND + ": " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
