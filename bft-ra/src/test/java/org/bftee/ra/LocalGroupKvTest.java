package org.bftee.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftKeyValueStore;
import org.bftee.ra.api.BftOperationRejectedException;
import org.bftee.ra.api.BftOperationTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter's plain, read-only, async and key-value operations against four replicas of the key-value store. */
class LocalGroupKvTest {

    @TempDir
    Path directory;
    private AdapterOnLocalGroup adapter;

    @BeforeEach
    void start() throws Exception {
        adapter = AdapterOnLocalGroup.start(directory, replica -> new ShippedServices(KvLimits.defaults()));
    }

    @AfterEach
    void stop() {
        adapter.close();
    }

    @Test
    void invokeAndInvokeReadOnlyReturnTheAgreedPayload() throws Exception {
        BftConnection connection = adapter.connect();

        byte[] put = connection.invoke(encode(new KvOperation.Put(text("k"), text("v"))));
        byte[] read = connection.invokeReadOnly(encode(new KvOperation.Get(text("k"))));

        assertArrayEquals(new byte[0], put);
        assertArrayEquals(bytes("v"), read);
    }

    @Test
    void aRefusedOperationCarriesTheStoresResultCode() throws Exception {
        BftConnection connection = adapter.connect();

        BftOperationRejectedException rejected = assertThrows(BftOperationRejectedException.class,
                () -> connection.invoke(encode(new KvOperation.Delete(text("missing")))));

        assertEquals(ResultCode.NOT_FOUND.code(), rejected.resultCode());
        assertEquals("NOT_FOUND", rejected.resultName());
    }

    @Test
    void anOperationAboveTheGroupsLimitIsRefusedBeforeItIsSentAndTheConnectionGoesOn() throws Exception {
        BftConnection connection = adapter.connect();
        int limit = adapter.group.config().limits().requestBytesMax();

        BftOperationTooLargeException refused =
                assertThrows(BftOperationTooLargeException.class, () -> connection.invoke(new byte[limit + 1]));

        assertEquals(limit, refused.limitBytes());
        connection.kv().put(bytes("after"), bytes("fine"));
        assertArrayEquals(bytes("fine"), connection.kv().get(bytes("after")).orElseThrow());
        assertTrue(adapter.listener.events.isEmpty());
    }

    @Test
    void theTypedHelpersAnswerInTheirOwnTerms() throws Exception {
        BftKeyValueStore kv = adapter.connect().kv();

        assertEquals(Optional.empty(), kv.get(bytes("a")));
        assertTrue(kv.compareAndSet(bytes("a"), null, bytes("1")));
        assertFalse(kv.compareAndSet(bytes("a"), bytes("0"), bytes("2")));
        assertTrue(kv.compareAndSet(bytes("a"), bytes("1"), bytes("2")));
        kv.put(bytes("ab"), bytes("3"));
        kv.put(bytes("b"), bytes("4"));

        BftKeyValueStore.ScanPage page = kv.scan(bytes("a"), new byte[0], 10);
        assertEquals(List.of("a=2", "ab=3"), page.entries().stream()
                .map(entry -> string(entry.key()) + "=" + string(entry.value())).toList());
        assertFalse(page.more());

        assertTrue(kv.delete(bytes("a")));
        assertFalse(kv.delete(bytes("a")));
        assertEquals(Optional.empty(), kv.get(bytes("a")));
    }

    @Test
    void aKeyAboveTheStoresLimitIsRejectedByTheStore() throws Exception {
        BftKeyValueStore kv = adapter.connect().kv();

        BftOperationRejectedException rejected = assertThrows(BftOperationRejectedException.class,
                () -> kv.put(new byte[KvLimits.defaults().keyBytesMax() + 1], bytes("v")));

        assertEquals(ResultCode.TOO_LARGE.code(), rejected.resultCode());
    }

    @Test
    void manyAsyncCallsFromTwoHandlesShareTheOneSessionOfThePrincipal() throws Exception {
        BftConnection first = adapter.connect();
        BftConnection second = adapter.connect();
        List<CompletableFuture<Void>> puts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BftConnection connection = i % 2 == 0 ? first : second;
            puts.add(connection.kv().putAsync(bytes("key-" + i), bytes("value-" + i)).toCompletableFuture());
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertEquals(1, adapter.adapter.clients().openSessions());
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(bytes("value-" + i), first.kv().get(bytes("key-" + i)).orElseThrow());
        }
    }

    @Test
    void aContinuationThatBlocksDoesNotStallTheSession() throws Exception {
        BftConnection connection = adapter.connect();
        CountDownLatch release = new CountDownLatch(1);
        Thread test = Thread.currentThread();
        CompletableFuture<Void> blocked = connection.kv().putAsync(bytes("first"), bytes("1")).toCompletableFuture()
                .thenRun(() -> {
                    try {
                        // Had the put completed before thenRun, this runs here: blocking would hang the test.
                        if (Thread.currentThread() != test) {
                            release.await();
                        }
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                });
        try {
            CompletableFuture<Void> second = connection.kv().putAsync(bytes("second"), bytes("2")).toCompletableFuture();

            second.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        blocked.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSessionClosesWithTheLastManagedConnectionThatUsesIt() throws Exception {
        BftManagedConnection first = adapter.managedConnection();
        BftManagedConnection second = adapter.managedConnection();
        assertEquals(1, adapter.adapter.clients().openSessions());

        first.destroy();
        first.destroy();
        assertEquals(1, adapter.adapter.clients().openSessions());
        second.getConnection(null, null).kv().put(bytes("still"), bytes("there"));

        second.destroy();
        assertEquals(0, adapter.adapter.clients().openSessions());
    }

    @Test
    void aStoppedAdapterClosesItsSessionsAndRefusesNewConnections() throws Exception {
        BftConnection connection = adapter.connect();
        connection.kv().put(bytes("k"), bytes("v"));

        adapter.adapter.stop();

        assertEquals(0, adapter.adapter.clients().openSessions());
        assertThrows(jakarta.resource.spi.IllegalStateException.class, adapter::managedConnection);
        assertThrows(org.bftee.ra.api.BftGroupUnreachableException.class, () -> connection.kv().get(bytes("k")));
    }

    private static byte[] encode(KvOperation operation) {
        return ShippedServices.forKv(KvOperations.encode(operation)).toByteArray();
    }

    private static Bytes text(String value) {
        return Bytes.of(bytes(value));
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
