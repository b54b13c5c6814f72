package org.bftee.runtime.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The last inbound handler: hands each frame that {@link FrameDecoder} cut to the {@link FrameSink},
 * together with the connection it came in on. One instance per channel, never shared.
 */
final class FrameHandler extends SimpleChannelInboundHandler<ByteBuffer> {

    private static final System.Logger LOG = System.getLogger(FrameHandler.class.getName());

    private final FrameSink sink;
    private final CloseableFrameConnection connection;

    FrameHandler(FrameSink sink, CloseableFrameConnection connection) {
        // Frames are heap buffers with nothing to release.
        super(false);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuffer frame) {
        sink.onFrame(connection, frame);
    }

    /**
     * An I/O error (reset by the peer, a write after close) is the network's doing and routine; anything
     * else that reaches here is a bug in a sink or in this package, and is logged loudly. Either way the
     * connection is closed: its state is unknown.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.log(Level.DEBUG, "Connection with {0} failed: {1}", connection.remote(), cause.toString());
        } else {
            LOG.log(Level.ERROR, "Unexpected failure on the connection with " + connection.remote(), cause);
        }
        ctx.close();
    }
}
