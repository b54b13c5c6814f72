package org.bftee.bench.attack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.bftee.core.codec.FrameHeader;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.Request;
import org.bftee.runtime.config.GroupConfig;

/**
 * A faulty client that floods every replica, over plain sockets and without keys, with three kinds
 * of bad frames in turn: a REQUEST frame whose body is random bytes (undecodable), a header that
 * declares a body above the frame limit (the stream loses its framing), and a well-formed request
 * carrying a large operation (a quarter of request-bytes-max) under an authenticator of random tags.
 * A connection the replica closes is opened again at once, as an attacker would. The offered rate
 * is fixed ({@code framesPerSecond} over all replicas), so the figure says what that rate costs.
 */
final class MalformedFlood implements AutoCloseable {

    static final String ATTACKER_HOST = "127.0.0.2";

    private final GroupConfig group;
    private final int claimedClient;
    private final int framesPerSecond;
    private final int sinkPort;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final Socket[] sockets;
    private final byte[][] frames;

    /** Floods the group's replicas. */
    MalformedFlood(GroupConfig group, int claimedClient, int framesPerSecond) {
        this(group, claimedClient, framesPerSecond, -1);
    }

    /** Floods {@code sinkPort} on loopback instead of the replicas, when it is not -1 (a control). */
    MalformedFlood(GroupConfig group, int claimedClient, int framesPerSecond, int sinkPort) {
        this.sinkPort = sinkPort;
        this.group = group;
        this.claimedClient = claimedClient;
        this.framesPerSecond = framesPerSecond;
        this.sockets = new Socket[group.n()];
        this.frames = frames(new SplittableRandom(claimedClient));
        this.thread = new Thread(this::run, "attack-malformed-flood");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long framesSent() {
        return framesSent.sum();
    }

    long reconnects() {
        return reconnects.sum();
    }

    private byte[][] frames(SplittableRandom random) {
        WireLimits limits = WireLimits.forGroup(group.limits(), group.n());
        MessageCodec codec = new MessageCodec(group.groupId(), limits);
        int tagLength = MacSettings.DEFAULT.tagLength();

        byte[] garbageBody = new byte[200];
        random.nextBytes(garbageBody);
        ByteBuffer garbage = ByteBuffer.allocate(FrameHeader.LENGTH + garbageBody.length + 2);
        header(garbage, garbageBody.length).put(garbageBody).put((byte) 0).put((byte) 0);

        ByteBuffer oversized = ByteBuffer.allocate(FrameHeader.LENGTH);
        header(oversized, limits.frameBytesMax());

        byte[] operation = new byte[group.limits().requestBytesMax() / 4];
        random.nextBytes(operation);
        byte[] tags = new byte[group.n() * tagLength];
        random.nextBytes(tags);
        Request forged = new Request(claimedClient, 0, 1, 0, Bytes.wrap(operation), Authenticator.wrap(tags, tagLength));
        ByteBuffer large = codec.encode(claimedClient, forged, null);
        byte[] largeBytes = new byte[large.remaining()];
        large.get(largeBytes);
        return new byte[][] {garbage.array(), oversized.array(), largeBytes};
    }

    private ByteBuffer header(ByteBuffer frame, int bodyLength) {
        return frame.putInt(FrameHeader.MAGIC).put((byte) FrameHeader.VERSION).put((byte) MessageType.REQUEST.tag())
                .putInt(group.groupId()).putInt(claimedClient).putInt(bodyLength);
    }

    private void run() {
        long intervalNanos = 1_000_000_000L / framesPerSecond;
        long next = System.nanoTime();
        long sent = 0;
        while (running.get()) {
            int replica = (int) (sent % group.n());
            byte[] frame = frames[(int) ((sent / group.n()) % frames.length)];
            send(replica, frame);
            sent++;
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime(); // far behind: do not burst to catch up
            }
        }
    }

    private void send(int replica, byte[] frame) {
        try {
            Socket socket = sockets[replica];
            if (socket == null || socket.isClosed()) {
                InetSocketAddress address = sinkPort < 0 ? group.replica(replica).address().toSocketAddress()
                        : new InetSocketAddress("127.0.0.1", sinkPort);
                socket = new Socket();
                // An attacker's host is not a replica's: it connects from another loopback address.
                socket.bind(new InetSocketAddress(ATTACKER_HOST, 0));
                socket.setSoTimeout(100);
                socket.connect(address, 1_000);
                socket.setSendBufferSize(1 << 20);
                sockets[replica] = socket;
                reconnects.increment();
            }
            OutputStream out = socket.getOutputStream();
            out.write(frame);
            framesSent.increment();
        } catch (IOException closedByReplica) {
            closeQuietly(replica);
        }
    }

    private void closeQuietly(int replica) {
        Socket socket = sockets[replica];
        sockets[replica] = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Gone either way.
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        for (int replica = 0; replica < sockets.length; replica++) {
            closeQuietly(replica);
        }
    }
}
