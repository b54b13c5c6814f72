package org.bftee.runtime.launch;

import static org.bftee.runtime.launch.KvOps.get;
import static org.bftee.runtime.launch.KvOps.put;
import static org.bftee.runtime.launch.KvOps.valueOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.driver.ReplicaStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole group on loopback with real threads, sockets and keys: what is particular to the client
 * sessions. The scenarios every transport shares (crashes, view changes) are in
 * {@link NettyGroupScenariosTest}.
 */
class LocalGroupTest {

    /** A short view-change timeout, so that a killed primary is replaced quickly. */
    private static final ProtocolTimeouts TIMEOUTS = new ProtocolTimeouts(Duration.ofMillis(500),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5));

    private LocalGroup group;

    @AfterEach
    void stopEverything() {
        if (group != null) {
            group.close();
        }
    }

    private LocalGroup start(int f) {
        group = LocalGroup.start(f, 2, ProtocolLimits.defaults(), TIMEOUTS,
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
        return group;
    }

    @Test
    void everyReplicaExecutesWhatTheClientWritesAndTheClientReadsItBack() throws Exception {
        start(1);
        BftClient client = group.connectClient(0, BftClientOptions.defaults());

        client.invoke(put("k", "v"), false);
        Bytes read = client.invoke(get("k"), true);

        assertEquals("v", valueOf(read));
        awaitEveryReplica(status -> status.requestsExecuted() >= 1);
    }

    @Test
    void aGroupOfOneReplicaOrdersAndAnswersAlone() throws Exception {
        start(0);
        BftClient client = group.connectClient(0, BftClientOptions.defaults().withLanes(4));
        List<CompletableFuture<Bytes>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(client.invokeAsync(put("k" + (i % 10), "v" + i), false));
        }
        for (CompletableFuture<Bytes> call : calls) {
            call.get(20, TimeUnit.SECONDS);
        }

        assertEquals("v99", valueOf(client.invoke(get("k9"), true)));
        assertEquals("v98", valueOf(client.invoke(get("k8"), false)));
        awaitEveryReplica(status -> status.requestsExecuted() >= 101);
    }

    @Test
    void manyConcurrentCallsShareOneSession() throws Exception {
        start(1);
        BftClient client = group.connectClient(0, BftClientOptions.defaults().withLanes(8));
        List<CompletableFuture<Bytes>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(client.invokeAsync(put("k" + (i % 10), "v" + i), false));
        }
        for (CompletableFuture<Bytes> call : calls) {
            call.get(20, TimeUnit.SECONDS);
        }
        awaitEveryReplica(status -> status.requestsExecuted() >= 200);
    }

    @Test
    void aClientThatReconnectsGoesOnWhereItsLastSessionStopped() throws Exception {
        start(1);
        BftClient first = group.connectClient(0, BftClientOptions.defaults());
        first.invoke(put("k", "1"), false);
        first.close();

        BftClient second = group.connectClient(0, BftClientOptions.defaults());
        second.invoke(put("k", "2"), false);

        assertEquals("2", valueOf(second.invoke(get("k"), true)));
        awaitEveryReplica(status -> status.requestsExecuted() >= 2);
    }

    @Test
    void aClosedSessionFailsItsCallsAsUnreachable() throws Exception {
        start(1);
        BftClient client = group.connectClient(0, BftClientOptions.defaults());
        client.close();

        BftClientException failure = assertThrows(BftClientException.GroupUnreachable.class,
                () -> client.invoke(put("k", "v"), false));
        assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
    }

    @Test
    void callsWithoutACertifiedResultTimeOutAndFreeTheirLanesForTheCallsAfterThem() throws Exception {
        start(1);
        BftClient client = group.connectClient(0, BftClientOptions.defaults().withLanes(2)
                .withCallTimeout(Duration.ofMillis(300)));
        client.invoke(put("k", "before"), false);
        group.killReplica(2);
        group.killReplica(3);

        // With two replicas down no quorum certifies anything. Four calls on two lanes: the last two
        // wait for lanes that only the first two calls' timeouts free.
        List<CompletableFuture<Bytes>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(client.invokeAsync(put("k", "lost-" + i), false));
        }
        for (CompletableFuture<Bytes> call : calls) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> call.get(20, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof BftClientException.Timeout, failure.getCause().toString());
        }
    }

    @Test
    void aReplicaRestartedWithNothingFetchesTheStateAndServesAgain() throws Exception {
        // Checkpoints every 8 batches, a window of 32: the group leaves a stopped replica behind quickly.
        group = LocalGroup.start(1, 2, new ProtocolLimits(32, 8, 64, 256 * 1024, 4, 1024 * 1024, 1024 * 1024, 4096, 64),
                TIMEOUTS, replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
        BftClient client = group.connectClient(0, BftClientOptions.defaults());
        client.invoke(put("before", "crash"), false);
        group.killReplica(3);
        for (int i = 0; i < 100; i++) {
            client.invoke(put("while-down-" + i, "v" + i), false);
        }

        group.startReplica(3);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // Fetched, and caught up with the others (the client is idle, so they wait for it).
        while (group.replica(3).status().checkpointsFetched() == 0
                || group.replica(3).status().lastExecuted() < group.replica(0).status().lastExecuted()) {
            assertTrue(System.nanoTime() < deadline, "replica 3 did not fetch the state: " + group.replica(3).status());
            Thread.sleep(20);
        }

        // Without replica 2, every quorum needs replica 3, and a read needs its answer to match.
        group.killReplica(2);
        client.invoke(put("after", "restart"), false);
        assertEquals("v42", valueOf(client.invoke(get("while-down-42"), true)));
        assertEquals("crash", valueOf(client.invoke(get("before"), true)));
        assertEquals("restart", valueOf(client.invoke(get("after"), true)));
        assertTrue(group.replica(3).status().stateBytesFetched() > 0, group.replica(3).status().toString());
    }

    @Test
    void aReplicaRestartedFromItsStateDirectoryFetchesOnlyWhatChangedSince(@TempDir Path states) throws Exception {
        group = LocalGroup.start(1, 2, new ProtocolLimits(32, 8, 64, 256 * 1024, 4, 1024 * 1024, 1024 * 1024, 4096, 64),
                TIMEOUTS, replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults(), states);
        BftClient client = group.connectClient(0, BftClientOptions.defaults());
        for (int i = 0; i < 60; i++) {
            client.invoke(put("early-" + i, "v" + i), false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (group.replica(3).lastCheckpointWritten() < 48) {
            assertTrue(System.nanoTime() < deadline, "replica 3 wrote no checkpoint: " + group.replica(3).status());
            Thread.sleep(20);
        }
        long written = group.replica(3).lastCheckpointWritten();
        group.killReplica(3);
        for (int i = 0; i < 60; i++) {
            client.invoke(put("late-" + i, "v" + i), false);
        }

        group.startReplica(3);
        ReplicaStatus restored = group.replica(3).status();
        assertTrue(restored.lastExecuted() >= written, "restarted at the stored checkpoint " + written + ": " + restored);
        while (group.replica(3).status().checkpointsFetched() == 0
                || group.replica(3).status().lastExecuted() < group.replica(0).status().lowWaterMark()) {
            assertTrue(System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(20),
                    "replica 3 did not catch up: " + group.replica(3).status());
            Thread.sleep(20);
        }
        group.killReplica(2);
        assertEquals("v7", valueOf(client.invoke(get("early-7"), true)));
        assertEquals("v59", valueOf(client.invoke(get("late-59"), true)));
        assertTrue(group.replica(3).status().stateBytesFetched() > 0, group.replica(3).status().toString());
    }

    @Test
    void aProactiveRecoveryUnderLoadFinishesAndTheClientNeverNotices() throws Exception {
        group = LocalGroup.start(1, 2, new ProtocolLimits(32, 8, 64, 256 * 1024, 4, 1024 * 1024, 1024 * 1024, 4096, 64),
                TIMEOUTS, replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
        BftClient client = group.connectClient(0, BftClientOptions.defaults().withLanes(4));
        for (int i = 0; i < 40; i++) {
            client.invoke(put("before-" + i, "v" + i), false);
        }
        List<CompletableFuture<Bytes>> during = new ArrayList<>();
        for (int replica = 0; replica < group.config().n(); replica++) {
            group.replica(replica).recoverNow();
            for (int i = 0; i < 30; i++) {
                during.add(client.invokeAsync(put("during-" + replica + "-" + i, "v" + i), false));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (group.replica(replica).status().recovery().completed() == 0) {
                assertTrue(System.nanoTime() < deadline, "replica " + replica + " did not recover: "
                        + group.replica(replica).status());
                client.invoke(put("nudge", "" + System.nanoTime()), false);
                Thread.sleep(20);
            }
        }
        for (CompletableFuture<Bytes> call : during) {
            call.get(20, TimeUnit.SECONDS);
        }
        for (int replica = 0; replica < group.config().n(); replica++) {
            ReplicaStatus status = group.replica(replica).status();
            assertEquals(1, status.recovery().completed(), status.toString());
            assertEquals(0, status.recovery().corruptionsFound(), status.toString());
            assertTrue(status.sessionKeys().freshKeysSent() >= 2, "recovery refreshes the keys: " + status);
        }
        assertEquals("v7", valueOf(client.invoke(get("before-7"), true)));
    }

    private void awaitEveryReplica(java.util.function.Predicate<ReplicaStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int id = 0; id < group.config().n(); id++) {
            while (!condition.test(group.replica(id).status())) {
                assertTrue(System.nanoTime() < deadline, "replica " + id + ": " + group.replica(id).status());
                Thread.sleep(10);
            }
        }
    }
}
