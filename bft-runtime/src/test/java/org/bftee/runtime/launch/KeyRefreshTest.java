package org.bftee.runtime.launch;

import static org.bftee.runtime.launch.KvOps.get;
import static org.bftee.runtime.launch.KvOps.put;
import static org.bftee.runtime.launch.KvOps.valueOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.NewKeyOpening;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.Reply;
import org.bftee.core.replica.DropReason;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.driver.KeyRefreshCounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Periodic key refresh over real sockets (PROTOCOL.md, "Authentication"): replicas and clients draw
 * fresh session keys every period, calls go on succeeding through the refreshes, a request under a
 * key from before a refresh is refused and its sender gets the new NEW-KEY, and a recorded NEW-KEY
 * replayed is refused and counted.
 */
class KeyRefreshTest {

    /** Keys refreshed every second; the view-change timeout must stay below the refresh period. */
    private static final ProtocolTimeouts REFRESH_EVERY_SECOND = new ProtocolTimeouts(Duration.ofMillis(500),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1));
    /** Keys refreshed only after the test is over: nothing but the test sends a NEW-KEY after start. */
    private static final ProtocolTimeouts NO_REFRESH_DURING_THE_TEST = new ProtocolTimeouts(Duration.ofMillis(500),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5));
    private static final long WAIT_SECONDS = 15;

    private LocalGroup group;
    private RawClientPrincipal raw;

    @AfterEach
    void stopEverything() {
        if (raw != null) {
            raw.close();
        }
        if (group != null) {
            group.close();
        }
    }

    @Test
    void aGroupKeepsServingAClientThroughSeveralRefreshesAtEveryReplicaAndTheClient() throws Exception {
        start(REFRESH_EVERY_SECOND);
        BftClient client = group.connectClient(0, BftClientOptions.defaults());

        // Four and a half periods: three refreshes at the last replica, whose first comes 1.75 s after start.
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(4_500);
        int calls = 0;
        while (System.nanoTime() < end) {
            client.invoke(put("k" + calls % 8, "v" + calls), false);
            assertEquals("v" + calls, valueOf(client.invoke(get("k" + calls % 8), true)));
            calls++;
        }

        for (int id = 0; id < group.config().n(); id++) {
            KeyRefreshCounts keys = group.replica(id).status().sessionKeys();
            assertTrue(keys.freshKeysSent() >= 4, "replica " + id + " refreshed three times after start: " + keys);
            assertEquals(0, keys.refused(NewKeyOpening.Status.BAD_SIGNATURE), "replica " + id + ": " + keys);
        }
        KeyRefreshCounts clientKeys = client.sessionKeyCounts();
        assertTrue(clientKeys.freshKeysSent() >= 4, "the client refreshed three times after start: " + clientKeys);
        assertTrue(clientKeys.newKeysAccepted() >= 4L * group.config().n(),
                "the client took every replica's first keys and three refreshes of each: " + clientKeys);
        assertTrue(calls > 10, "calls made: " + calls);
    }

    @Test
    void aRequestUnderAKeyFromBeforeTheReplicasRefreshIsRefusedAndItsSenderGetsTheNewKey() throws Exception {
        start(REFRESH_EVERY_SECOND);
        raw = keyedRawClient();
        long keyedCounter = lastCounterFrom0;
        var stale = raw.readOnlyRequest(1, get("k"));

        // The replica's refresh reaches the client principal connected to it; it is not installed here.
        var refresh = raw.receiveUntil("replica 0's refresh", received -> isNewKeyFrom0(received)
                && ((NewKey) received.message()).counter() > keyedCounter, this::installOtherNewKeys);
        long refusedBefore = dropped(DropReason.REQUEST_NOT_AUTHENTIC);
        raw.send(0, stale);

        await("replica 0 refuses the request under the replaced key",
                () -> dropped(DropReason.REQUEST_NOT_AUTHENTIC) > refusedBefore);
        // The same NEW-KEY again, answering the refused request, long before the next refresh is due.
        var resent = raw.receiveUntil("replica 0 sends its NEW-KEY again", received -> isNewKeyFrom0(received)
                && ((NewKey) received.message()).counter() == ((NewKey) refresh.message()).counter(),
                this::installOtherNewKeys);
        assertTrue(raw.exchange.onNewKey(0, (NewKey) resent.message()));
        raw.send(0, raw.readOnlyRequest(2, get("k")));
        var reply = raw.receiveUntil("replica 0's reply under the new key",
                received -> received.isOpened() && received.message().type() == MessageType.REPLY,
                this::installOtherNewKeys);
        assertEquals(2, ((Reply) reply.message()).timestamp());
    }

    @Test
    void recordedNewKeysReplayedToAReplicaAreRefusedAsOldCountersAndTheGroupServesOn() throws Exception {
        start(NO_REFRESH_DURING_THE_TEST);
        raw = new RawClientPrincipal(group, 1);
        raw.awaitConnected();
        ByteBuffer ownNewKey = raw.send(0, raw.exchange.freshKeys(System.currentTimeMillis()));
        var fromReplica0 = raw.receiveUntil("replica 0's NEW-KEY", this::isNewKeyFrom0, received -> {
        });
        assertTrue(raw.exchange.onNewKey(0, (NewKey) fromReplica0.message()));
        long replica0Before = replayRefusals(0);
        long replica1Before = replayRefusals(1);

        // The client's own NEW-KEY again, to the replica that installed it (it answered). Replica 0's,
        // recorded on the way to this client, twice to replica 1: just after start replica 1 may not
        // have it yet (a NEW-KEY written before a connection is up is lost until a MAC fails), and
        // then takes the first copy as the genuine key it is; the second is a replay in any case.
        raw.sendFrame(0, ownNewKey.duplicate());
        raw.sendFrame(1, fromReplica0.frame().duplicate());
        raw.sendFrame(1, fromReplica0.frame().duplicate());

        await("replica 0 refuses the replayed NEW-KEY", () -> replayRefusals(0) > replica0Before);
        await("replica 1 refuses the replayed NEW-KEY", () -> replayRefusals(1) > replica1Before);
        BftClient client = group.connectClient(0, BftClientOptions.defaults());
        client.invoke(put("after", "replay"), false);
        assertEquals("replay", valueOf(client.invoke(get("after"), true)));
        raw.send(0, raw.readOnlyRequest(1, get("after")));
        raw.receiveUntil("replica 0 still answers the client whose NEW-KEY was replayed",
                received -> received.isOpened() && received.message().type() == MessageType.REPLY, received -> {
                });
    }

    // ---- helpers ----

    /** Counter of the last NEW-KEY from replica 0 this test's raw client installed. */
    private long lastCounterFrom0 = -1;

    private void start(ProtocolTimeouts timeouts) {
        group = LocalGroup.start(1, 2, ProtocolLimits.defaults(), timeouts,
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
    }

    /** The second client principal, connected to every replica and holding every replica's key. */
    private RawClientPrincipal keyedRawClient() throws InterruptedException {
        RawClientPrincipal client = new RawClientPrincipal(group, 1);
        raw = client;
        client.awaitConnected();
        NewKey own = client.exchange.freshKeys(System.currentTimeMillis());
        for (int replica = 0; replica < group.config().n(); replica++) {
            client.send(replica, own);
        }
        while (client.exchange.counts().newKeysAccepted() < group.config().n()) {
            var received = client.receiveUntil("every replica's NEW-KEY",
                    r -> r.isOpened() && r.message().type() == MessageType.NEW_KEY, r -> {
                    });
            installNewKey(received);
        }
        return client;
    }

    private void installOtherNewKeys(RawClientPrincipal.Received received) {
        if (received.isOpened() && received.message().type() == MessageType.NEW_KEY && received.sender() != 0) {
            installNewKey(received);
        }
    }

    private void installNewKey(RawClientPrincipal.Received received) {
        NewKey newKey = (NewKey) received.message();
        if (raw.exchange.onNewKey(received.sender(), newKey) && received.sender() == 0) {
            lastCounterFrom0 = newKey.counter();
        }
    }

    private boolean isNewKeyFrom0(RawClientPrincipal.Received received) {
        return received.isOpened() && received.sender() == 0 && received.message().type() == MessageType.NEW_KEY;
    }

    private long dropped(DropReason reason) {
        return group.replica(0).rejections().messagesDropped().get(reason);
    }

    private long replayRefusals(int replica) {
        return group.replica(replica).status().sessionKeys().refused(NewKeyOpening.Status.OLD_COUNTER);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(10);
        }
    }
}
