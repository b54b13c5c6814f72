package org.bftee.runtime.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.Objects;
import org.bftee.core.codec.WireLimits;

/**
 * The pipeline every frame-carrying channel gets: {@link FrameDecoder} then {@link FrameHandler}, both new
 * per channel. Subclasses say which connection the channel's frames come from. Outbound, frames enter the
 * channel already wrapped as {@code ByteBuf}s ({@link ChannelFrameConnection#write}), so there is no encoder.
 *
 * <p>Netty shares an initializer across the channels it sets up; this one holds only the transport's
 * limits, its thread-safe counters and the sink.
 */
abstract class FrameChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final WireLimits limits;
    private final TransportCounters counters;
    private final FrameSink sink;

    FrameChannelInitializer(WireLimits limits, TransportCounters counters, FrameSink sink) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The connection that the sink is told {@code channel}'s frames come from. */
    abstract CloseableFrameConnection connectionOf(SocketChannel channel, TransportCounters counters);

    /** Whether {@code channel} may be set up at all; a subclass that refuses it closes it. */
    boolean admit(SocketChannel channel, TransportCounters counters) {
        return true;
    }

    /** {@code channel}'s stream lost its framing and is being closed. */
    void framingLost(SocketChannel channel) {
    }

    @Override
    protected final void initChannel(SocketChannel channel) {
        if (!admit(channel, counters)) {
            return;
        }
        CloseableFrameConnection connection = connectionOf(channel, counters);
        channel.pipeline()
                .addLast("frameDecoder", new FrameDecoder(limits, counters, () -> framingLost(channel)))
                .addLast("frameHandler", new FrameHandler(sink, connection));
    }
}
