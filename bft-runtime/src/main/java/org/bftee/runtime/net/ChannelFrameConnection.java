package org.bftee.runtime.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The write path and the owner's cut, shared by accepted and dialed connections, over whatever channel
 * the subclass has up at the moment.
 *
 * <p>A frame is wrapped, not copied, into a {@code ByteBuf} before it enters the channel, so that Netty
 * counts its real size against the connection's pending-write limit (a bare {@code ByteBuffer} would be
 * estimated at a few bytes); the pipeline therefore needs no encoder.
 */
abstract class ChannelFrameConnection implements CloseableFrameConnection {

    private static final System.Logger LOG = System.getLogger(ChannelFrameConnection.class.getName());

    private final TransportCounters counters;
    private final String remote;

    ChannelFrameConnection(TransportCounters counters, String remote) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    /** The channel the connection has now, or {@code null} when it has none. Any thread. */
    abstract Channel channel();

    /**
     * Queues {@code frame} without flushing, or drops it with a counter when no channel is up or the channel
     * already holds its pending-write limit. From any thread: Netty hands a write made off the event loop to
     * the loop. The frame's bytes must not change afterwards.
     */
    @Override
    public final void write(ByteBuffer frame) {
        Channel current = channel();
        if (current == null || !current.isActive()) {
            counters.recordWriteDroppedDisconnected();
            return;
        }
        if (!current.isWritable()) {
            counters.recordWriteDroppedBufferFull();
            return;
        }
        // The void promise spares an allocation per frame; a failed write reaches FrameHandler.exceptionCaught.
        current.write(Unpooled.wrappedBuffer(frame), current.voidPromise());
        counters.recordFrameOut();
    }

    @Override
    public final void flush() {
        Channel current = channel();
        if (current != null) {
            current.flush();
        }
    }

    @Override
    public final boolean isActive() {
        Channel current = channel();
        return current != null && current.isActive();
    }

    @Override
    public final String remote() {
        return remote;
    }

    @Override
    public final void close(String reason) {
        Channel current = channel();
        if (current == null || !current.isOpen()) {
            return;
        }
        LOG.log(Level.WARNING, "Closing the {0}: {1}", this, reason);
        counters.recordConnectionCut();
        current.close();
    }
}
