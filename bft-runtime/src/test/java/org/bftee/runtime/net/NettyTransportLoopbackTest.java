package org.bftee.runtime.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.bftee.core.codec.RejectReason;
import org.bftee.core.message.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two transports on real loopback sockets: frames both ways, reconnection, cuts and shutdown. */
class NettyTransportLoopbackTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final TransportSettings SETTINGS = TransportSettings.defaults(TestFrames.LIMITS)
            .withIoThreads(2)
            .withReconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
            .withConnectTimeout(Duration.ofSeconds(1));

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @AfterEach
    void closeEverything() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    private NettyTransport transport(boolean nativeAllowed) {
        return opened(new NettyTransport(SETTINGS, nativeAllowed));
    }

    private static void send(FrameConnection connection, Reply reply) {
        connection.write(TestFrames.frame(reply));
        connection.flush();
    }

    @ParameterizedTest(name = "native allowed: {0}")
    @ValueSource(booleans = {true, false})
    void framesGoBothWaysAndTheDialerReconnectsWhenTheListenerComesBack(boolean nativeAllowed) throws Exception {
        NettyTransport replica = transport(nativeAllowed);
        NettyTransport client = transport(nativeAllowed);
        Inbox replicaInbox = new Inbox();
        Inbox clientInbox = new Inbox();
        ListeningEndpoint endpoint = replica.listen(ANY_LOOPBACK_PORT, replicaInbox);
        InetSocketAddress address = endpoint.localAddress();
        assertTrue(address.getPort() > 0, "the bound port is known");

        CloseableFrameConnection toReplica = client.dial(address, clientInbox);
        Inbox.await("the dialed connection is up", toReplica::isActive);
        send(toReplica, TestFrames.reply(1, 64));
        Inbox.Received request = replicaInbox.take();
        assertEquals(TestFrames.reply(1, 64), TestFrames.decode(request.frame()));

        send(request.from(), TestFrames.reply(2, 32));
        Inbox.Received answer = clientInbox.take();
        assertEquals(TestFrames.reply(2, 32), TestFrames.decode(answer.frame()));
        assertSame(toReplica, answer.from(), "replies arrive on the connection the client dialed");

        endpoint.close();
        Inbox.await("the dialer sees the connection drop", () -> !toReplica.isActive());
        long droppedBefore = client.counters().writesDroppedDisconnected();
        send(toReplica, TestFrames.reply(3, 8));
        assertEquals(droppedBefore + 1, client.counters().writesDroppedDisconnected());

        ListeningEndpoint restarted = opened(replica.listen(address, replicaInbox));
        assertEquals(address.getPort(), restarted.port());
        Inbox.await("the dialer reconnects by itself", toReplica::isActive);
        send(toReplica, TestFrames.reply(4, 16));
        Inbox.Received again = replicaInbox.take();
        assertEquals(TestFrames.reply(4, 16), TestFrames.decode(again.frame()), "the frame written while down is lost");
        assertNotSame(request.from(), again.from(), "a new accepted connection");
        assertTrue(client.counters().reconnectAttempts() >= 1);
        assertEquals(2, client.counters().framesOut());
        assertEquals(1, client.counters().framesIn());
        assertEquals(2, replica.counters().framesIn());
        assertEquals(1, replica.counters().framesOut());
    }

    @Test
    void theOwnerCutsAnAcceptedConnectionAndTheDialerComesBack() throws Exception {
        NettyTransport replica = transport(true);
        NettyTransport client = transport(true);
        Inbox replicaInbox = new Inbox();
        ListeningEndpoint endpoint = opened(replica.listen(ANY_LOOPBACK_PORT, replicaInbox));
        CloseableFrameConnection toReplica = client.dial(endpoint.localAddress(), new Inbox());
        Inbox.await("the dialed connection is up", toReplica::isActive);
        send(toReplica, TestFrames.reply(1, 8));
        FrameConnection accepted = replicaInbox.take().from();

        ((CloseableFrameConnection) accepted).close("16 frames failed authentication");

        Inbox.await("the accepted connection is closed", () -> !accepted.isActive());
        assertEquals(1, replica.counters().connectionsCut());
        // The reconnection attempt tells that the dialer saw the cut: until then its old channel may
        // still look active, and the server may not yet have counted the cut connection out.
        Inbox.await("the dialer is back", () -> client.counters().reconnectAttempts() >= 1
                && toReplica.isActive() && endpoint.acceptedConnections() == 1);
        send(toReplica, TestFrames.reply(2, 8));
        assertNotSame(accepted, replicaInbox.take().from());
    }

    @Test
    void aStreamThatIsNotFramesIsCutAndCounted() throws Exception {
        NettyTransport replica = transport(true);
        Inbox replicaInbox = new Inbox();
        ListeningEndpoint endpoint = opened(replica.listen(ANY_LOOPBACK_PORT, replicaInbox));

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            socket.setSoTimeout((int) Inbox.WAIT_MAX.toMillis());
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: replica\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertEquals(-1, in.read(), "the transport closed the connection");
        }

        Inbox.await("the rejection is counted", () -> replica.counters().framesRejected(RejectReason.BAD_MAGIC) == 1);
        assertEquals(1, replica.counters().connectionsCut());
        assertTrue(replicaInbox.isEmpty());
    }

    @Test
    void listeningOnAPortInUseFailsWithTheCause() {
        NettyTransport replica = transport(true);
        ListeningEndpoint endpoint = opened(replica.listen(ANY_LOOPBACK_PORT, new Inbox()));

        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> replica.listen(endpoint.localAddress(), new Inbox()));
        assertTrue(failure.getMessage().contains(String.valueOf(endpoint.port())), failure.getMessage());
    }

    @Test
    void closeIsIdempotentAndRefusesNewWork() throws Exception {
        NettyTransport replica = transport(true);
        NettyTransport client = transport(true);
        ListeningEndpoint endpoint = replica.listen(ANY_LOOPBACK_PORT, new Inbox());
        CloseableFrameConnection toReplica = client.dial(endpoint.localAddress(), new Inbox());
        Inbox.await("the dialed connection is up", toReplica::isActive);

        replica.close();
        replica.close();

        assertFalse(endpoint.isOpen());
        Inbox.await("the dialer sees the listener gone", () -> !toReplica.isActive());
        assertThrows(IllegalStateException.class, () -> replica.listen(ANY_LOOPBACK_PORT, new Inbox()));
        assertThrows(IllegalStateException.class, () -> replica.dial(endpoint.localAddress(), new Inbox()));
        client.close();
        long attempts = client.counters().reconnectAttempts();
        Thread.sleep(3 * SETTINGS.reconnectBackoffMax().toMillis());
        assertEquals(attempts, client.counters().reconnectAttempts(), "a closed transport dials no more");
    }

    @Test
    void aDialToNobodyKeepsTryingWithinItsBackoff() throws Exception {
        InetSocketAddress nobody;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) probe.getLocalSocketAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NettyTransport client = transport(true);

        CloseableFrameConnection connection = client.dial(nobody, new Inbox());

        Inbox.await("several reconnect attempts", () -> client.counters().reconnectAttempts() >= 3);
        assertFalse(connection.isActive());
    }
}
