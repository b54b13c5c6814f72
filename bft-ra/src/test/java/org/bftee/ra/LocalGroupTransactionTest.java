package org.bftee.ra;

import static org.bftee.ra.LocalGroupKvTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.LocalTransaction;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftKeyValueStore;
import org.bftee.ra.api.BftLocalTransaction;
import org.bftee.ra.api.BftTransactionAbortedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local transactions against four replicas of the key-value store: all operations or none, even when a replica dies. */
class LocalGroupTransactionTest {

    @TempDir
    Path directory;
    private AdapterOnLocalGroup adapter;
    private BftManagedConnection managed;
    private BftConnection connection;
    private BftKeyValueStore kv;

    @BeforeEach
    void start() throws Exception {
        adapter = AdapterOnLocalGroup.start(directory, replica -> new ShippedServices(KvLimits.defaults()));
        managed = adapter.managedConnection();
        connection = managed.getConnection(null, null);
        kv = connection.kv();
    }

    @AfterEach
    void stop() {
        adapter.close();
    }

    @Test
    void aCommittedTransactionAppliesEveryOperationAndAnswersEach() throws Exception {
        kv.put(bytes("a"), bytes("0"));
        LocalTransaction transaction = managed.getLocalTransaction();
        transaction.begin();
        CompletionStage<Boolean> swapped = kv.compareAndSetAsync(bytes("a"), bytes("0"), bytes("1"));
        CompletionStage<Void> put = kv.putAsync(bytes("b"), bytes("2"));
        CompletionStage<Optional<byte[]>> readInside = kv.getAsync(bytes("b"));
        CompletionStage<byte[]> raw = connection.invokeAsync(
                ShippedServices.forKv(org.bftee.core.service.kv.KvOperations.encode(
                        new org.bftee.core.service.kv.KvOperation.Get(org.bftee.core.message.Bytes.of(bytes("a")))))
                        .toByteArray());

        transaction.commit();

        assertTrue(swapped.toCompletableFuture().getNow(false));
        assertTrue(put.toCompletableFuture().isDone());
        assertArrayEquals(bytes("2"), readInside.toCompletableFuture().getNow(null).orElseThrow(),
                "a read inside the transaction sees the transaction's earlier write");
        assertArrayEquals(bytes("1"), raw.toCompletableFuture().getNow(null));
        assertArrayEquals(bytes("1"), kv.get(bytes("a")).orElseThrow());
        assertArrayEquals(bytes("2"), kv.get(bytes("b")).orElseThrow());
    }

    @Test
    void aRollbackSendsNothingAndLeavesTheStateUnchanged() throws Exception {
        kv.put(bytes("a"), bytes("0"));
        awaitEveryReplicaExecuted(1);
        BftLocalTransaction transaction = connection.localTransaction();
        transaction.begin();
        CompletionStage<Void> put = kv.putAsync(bytes("a"), bytes("1"));
        CompletionStage<Boolean> deleted = kv.deleteAsync(bytes("a"));

        transaction.rollback();

        assertAborted(put);
        assertAborted(deleted);
        // Had the rollback sent anything, the replicas would execute it within this read's round trip.
        assertArrayEquals(bytes("0"), kv.get(bytes("a")).orElseThrow());
        for (int id = 0; id < adapter.group.config().n(); id++) {
            assertEquals(1, adapter.group.replica(id).status().requestsExecuted(), "a rollback sends nothing");
        }
        assertArrayEquals(bytes("0"), kv.get(bytes("a")).orElseThrow());
        assertEquals(List.of(ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK),
                adapter.listener.events.stream().map(ConnectionEvent::getId).toList());
    }

    @Test
    void aCompareAndSetThatFindsAnotherValueAbortsTheWholeTransaction() throws Exception {
        kv.put(bytes("version"), bytes("7"));
        LocalTransaction transaction = managed.getLocalTransaction();
        transaction.begin();
        CompletionStage<Void> put = kv.putAsync(bytes("document"), bytes("new text"));
        CompletionStage<Boolean> guard = kv.compareAndSetAsync(bytes("version"), bytes("6"), bytes("7"));

        BftTransactionAbortedException aborted = assertThrows(BftTransactionAbortedException.class, transaction::commit);

        assertEquals(1, aborted.operationIndex().orElseThrow());
        assertEquals(ResultCode.CONFLICT.code(), aborted.resultCode().orElseThrow());
        assertAborted(put);
        assertAborted(guard);
        assertEquals(Optional.empty(), kv.get(bytes("document")), "the put before the conflict was undone");
    }

    @Test
    void aTransactionCommitsWhileTheReplicaThatWasPrimaryIsKilled() throws Exception {
        kv.put(bytes("before"), bytes("0"));
        LocalTransaction transaction = managed.getLocalTransaction();
        transaction.begin();
        CompletionStage<Void> first = kv.putAsync(bytes("x"), bytes("1"));
        CompletionStage<Void> second = kv.putAsync(bytes("y"), bytes("2"));
        ExecutorService committer = Executors.newSingleThreadExecutor();
        try {
            Future<?> commit = committer.submit(() -> {
                transaction.commit();
                return null;
            });
            adapter.group.killReplica(0);

            commit.get(60, TimeUnit.SECONDS);
        } finally {
            committer.shutdownNow();
        }

        assertTrue(first.toCompletableFuture().isDone() && !first.toCompletableFuture().isCompletedExceptionally());
        assertTrue(second.toCompletableFuture().isDone() && !second.toCompletableFuture().isCompletedExceptionally());
        assertArrayEquals(bytes("1"), kv.get(bytes("x")).orElseThrow());
        assertArrayEquals(bytes("2"), kv.get(bytes("y")).orElseThrow());
    }

    @Test
    void afterATransactionTheConnectionInvokesAtOnceAgain() throws Exception {
        LocalTransaction transaction = managed.getLocalTransaction();
        transaction.begin();
        CompletableFuture<Void> inside = kv.putAsync(bytes("k"), bytes("1")).toCompletableFuture();
        transaction.commit();

        kv.put(bytes("k"), bytes("2"));

        assertTrue(inside.isDone());
        assertArrayEquals(bytes("2"), kv.get(bytes("k")).orElseThrow());
    }

    private void awaitEveryReplicaExecuted(long requests) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int id = 0; id < adapter.group.config().n(); id++) {
            while (adapter.group.replica(id).status().requestsExecuted() < requests && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertEquals(requests, adapter.group.replica(id).status().requestsExecuted());
        }
    }

    private static void assertAborted(CompletionStage<?> stage) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(BftTransactionAbortedException.class, failed.getCause());
    }
}
