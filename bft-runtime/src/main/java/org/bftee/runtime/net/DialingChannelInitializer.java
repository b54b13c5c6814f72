package org.bftee.runtime.net;

import io.netty.channel.socket.SocketChannel;
import java.util.Objects;
import org.bftee.core.codec.WireLimits;

/**
 * Sets up each channel a {@link DialedConnection} opens: the frame pipeline, with the dialed connection
 * (the same object across reconnections) as the origin of its frames, so that replies to a client arrive
 * on the connection it dialed.
 */
final class DialingChannelInitializer extends FrameChannelInitializer {

    private final DialedConnection connection;

    DialingChannelInitializer(WireLimits limits, TransportCounters counters, FrameSink sink,
            DialedConnection connection) {
        super(limits, counters, sink);
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    CloseableFrameConnection connectionOf(SocketChannel channel, TransportCounters counters) {
        return connection;
    }
}
