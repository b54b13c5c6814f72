package org.bftee.runtime.net;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.Objects;
import org.bftee.core.codec.WireLimits;

/**
 * Sets up each connection a {@link ListeningEndpoint} accepts: the frame pipeline, with a fresh
 * {@link AcceptedConnection} as the origin of its frames, tracked so that closing the endpoint closes it.
 */
final class ListeningChannelInitializer extends FrameChannelInitializer {

    private final ChannelGroup accepted;

    ListeningChannelInitializer(WireLimits limits, TransportCounters counters, FrameSink sink, ChannelGroup accepted) {
        super(limits, counters, sink);
        this.accepted = Objects.requireNonNull(accepted, "accepted");
    }

    @Override
    CloseableFrameConnection connectionOf(SocketChannel channel, TransportCounters counters) {
        accepted.add(channel);
        return new AcceptedConnection(channel, counters);
    }
}
