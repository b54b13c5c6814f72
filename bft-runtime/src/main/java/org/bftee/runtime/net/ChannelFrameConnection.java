package org.bftee.runtime.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The write path and the owner's cut, shared by accepted and dialed connections, over whatever channel
 * the subclass has up at the moment.
 *
 * <p>Writes wait in the connection until {@link #flush()}, which copies them into one direct
 * {@code ByteBuf} and hands that to the channel in one call; the pipeline therefore needs no encoder,
 * and Netty counts the real size against the connection's pending-write limit. A write made off the
 * event loop is a task for the loop, with a wake-up of its thread: an owner thread that multicasts a
 * batch's messages would otherwise pay a task per frame and one more per flush.
 */
abstract class ChannelFrameConnection implements CloseableFrameConnection {

    private static final System.Logger LOG = System.getLogger(ChannelFrameConnection.class.getName());

    private final TransportCounters counters;
    private final String remote;
    /** Frames written since the last flush; guarded by {@code this}. */
    private ByteBuffer[] pending = new ByteBuffer[8];
    private int pendingCount;
    private long pendingBytes;

    ChannelFrameConnection(TransportCounters counters, String remote) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    /** The channel the connection has now, or {@code null} when it has none. Any thread. */
    abstract Channel channel();

    /**
     * Queues {@code frame} until the next {@link #flush()}, or drops it with a counter when no channel is
     * up or the channel already holds its pending-write limit. From any thread. The frame's bytes must not
     * change afterwards.
     */
    @Override
    public final void write(ByteBuffer frame) {
        Channel current = channel();
        if (current == null || !current.isActive()) {
            counters.recordWriteDroppedDisconnected();
            return;
        }
        synchronized (this) {
            // Frames waiting here count against the limit too, so that it holds within one flush: the
            // channel admits one frame beyond it, as it would have admitted that frame unflushed.
            if (!current.isWritable() || pendingBytes > 0 && pendingBytes >= current.bytesBeforeUnwritable()) {
                counters.recordWriteDroppedBufferFull();
                return;
            }
            pendingBytes += frame.remaining();
            if (pendingCount == pending.length) {
                pending = Arrays.copyOf(pending, 2 * pending.length);
            }
            pending[pendingCount++] = frame;
        }
        counters.recordFrameOut();
    }

    @Override
    public final void flush() {
        Channel current = channel();
        ByteBuf batch;
        synchronized (this) {
            if (pendingCount == 0) {
                return;
            }
            if (current == null) {
                for (int i = 0; i < pendingCount; i++) {
                    counters.recordWriteDroppedDisconnected();
                }
                batch = null;
            } else {
                // The socket writes from direct memory: one copy here, on the writer's thread, instead of
                // the event loop copying each heap frame.
                batch = current.alloc().directBuffer((int) pendingBytes);
                for (int i = 0; i < pendingCount; i++) {
                    batch.writeBytes(pending[i]);
                }
            }
            Arrays.fill(pending, 0, pendingCount, null);
            pendingCount = 0;
            pendingBytes = 0;
        }
        if (batch != null) {
            // The void promise spares an allocation per flush; a failed write reaches FrameHandler.exceptionCaught.
            current.writeAndFlush(batch, current.voidPromise());
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
