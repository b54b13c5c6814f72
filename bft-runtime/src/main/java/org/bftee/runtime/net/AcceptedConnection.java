package org.bftee.runtime.net;

import io.netty.channel.Channel;
import java.util.Objects;

/** A connection a peer opened to a {@link ListeningEndpoint}: one channel, gone for good once closed. */
final class AcceptedConnection extends ChannelFrameConnection {

    private final Channel channel;

    AcceptedConnection(Channel channel, TransportCounters counters) {
        super(counters, String.valueOf(channel.remoteAddress()));
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    Channel channel() {
        return channel;
    }

    @Override
    public java.net.InetAddress remoteHost() {
        return channel.remoteAddress() instanceof java.net.InetSocketAddress address ? address.getAddress() : null;
    }

    @Override
    public String toString() {
        return "connection accepted from " + remote();
    }
}
