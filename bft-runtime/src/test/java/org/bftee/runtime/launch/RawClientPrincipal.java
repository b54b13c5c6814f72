package org.bftee.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.OpenResult;
import org.bftee.core.auth.Principals;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.Digester;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Quorums;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.driver.SessionKeyExchange;
import org.bftee.runtime.keys.SecureRandomSource;
import org.bftee.runtime.net.CloseableFrameConnection;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;

/**
 * A client principal of a {@link LocalGroup} driven frame by frame from the test thread, with its
 * own keys, sealer and opener and no client core: it decides which NEW-KEY to install and when, and
 * sends what it likes, so that a test can keep a key past a refresh or replay a recorded frame.
 * Frames arrive on the transport's threads and wait in a queue; everything else runs on the test thread.
 */
final class RawClientPrincipal implements AutoCloseable {

    private static final long WAIT_MILLIS = 10_000;

    /** One frame received, as it came off the wire, and what the opener made of it. */
    record Received(ByteBuffer frame, OpenResult result) {

        Message message() {
            return ((OpenResult.Opened) result).message();
        }

        int sender() {
            return ((OpenResult.Opened) result).sender();
        }

        boolean isOpened() {
            return result instanceof OpenResult.Opened;
        }
    }

    private final GroupConfig group;
    private final int self;
    private final NettyTransport transport;
    private final CloseableFrameConnection[] replicas;
    private final BlockingQueue<ByteBuffer> inbox = new LinkedBlockingQueue<>();
    private final MessageCodec codec;
    private final Digester requestDigester = DigestAlgorithm.DEFAULT.newDigester();
    private final Authenticators authenticators;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    final SessionKeyExchange exchange;

    RawClientPrincipal(LocalGroup local, int clientIndex) {
        this.group = local.config();
        this.self = LocalGroup.FIRST_CLIENT + clientIndex;
        WireLimits wireLimits = WireLimits.forGroup(group.limits(), group.n());
        this.codec = new MessageCodec(group.groupId(), wireLimits);
        SessionKeys keys = new SessionKeys(self, MacSettings.DEFAULT, group.n());
        this.authenticators = new Authenticators(keys);
        Principals principals = new Principals(new Quorums(group.f()),
                group.clients().stream().map(GroupConfig.ClientEntry::id).collect(Collectors.toSet()));
        this.sealer = new FrameSealer(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.opener = new FrameOpener(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.exchange = new SessionKeyExchange(self, group, local.clientKeys(clientIndex), keys,
                new SecureRandomSource());
        this.transport = new NettyTransport(TransportSettings.defaults(wireLimits));
        this.replicas = new CloseableFrameConnection[group.n()];
        for (GroupConfig.ReplicaEntry replica : group.replicas()) {
            replicas[replica.id()] = transport.dial(replica.address().toSocketAddress(),
                    (from, frame) -> inbox.add(copyOf(frame)));
        }
    }

    /** Waits until every replica's connection is up, since a write to a connection that is down is dropped. */
    void awaitConnected() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        for (CloseableFrameConnection replica : replicas) {
            while (!replica.isActive()) {
                assertTrue(System.nanoTime() < deadline, "no connection to " + replica.remote());
                Thread.sleep(5);
            }
        }
    }

    /** Sends {@code message} to {@code replica}, sealed as this principal; returns the frame sent. */
    ByteBuffer send(int replica, Message message) {
        ByteBuffer frame = sealer.seal(replica, message);
        sendFrame(replica, frame.duplicate());
        return frame;
    }

    /** Sends bytes as they are: a recorded frame, replayed. */
    void sendFrame(int replica, ByteBuffer frame) {
        replicas[replica].write(frame);
        replicas[replica].flush();
    }

    /** Takes frames, opening each, until one satisfies {@code wanted}; the others are handed to {@code others}. */
    Received receiveUntil(String what, Predicate<Received> wanted, java.util.function.Consumer<Received> others)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (true) {
            long left = deadline - System.nanoTime();
            ByteBuffer frame = inbox.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            assertNotNull(frame, "timed out waiting for " + what);
            Received received = new Received(frame, opener.open(frame.duplicate()));
            if (wanted.test(received)) {
                return received;
            }
            others.accept(received);
        }
    }

    /** A read-only REQUEST whose authenticator is made with the out-keys installed now. */
    Request readOnlyRequest(long timestamp, Bytes operation) {
        int tagLength = authenticators.keys().settings().tagLength();
        Authenticator placeholder = Authenticator.wrap(new byte[tagLength], tagLength);
        Request content = new Request(self, 0, timestamp, Request.READ_ONLY, operation, placeholder);
        return new Request(self, 0, timestamp, Request.READ_ONLY, operation,
                authenticators.multicast(codec.requestDigest(content, requestDigester), group.n()));
    }

    private static ByteBuffer copyOf(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(frame.duplicate()).flip();
        return copy;
    }

    @Override
    public void close() {
        transport.hangUpAll(replicas);
        transport.close();
    }
}
