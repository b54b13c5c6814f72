package org.bftee.runtime.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;

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
    private final Admission admission;

    ListeningChannelInitializer(WireLimits limits, TransportCounters counters, FrameSink sink, ChannelGroup accepted,
                                Admission admission) {
        super(limits, counters, sink);
        this.accepted = Objects.requireNonNull(accepted, "accepted");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    @Override
    boolean admit(SocketChannel channel, TransportCounters counters) {
        InetAddress host = hostOf(channel);
        if (host == null || admission.admits(host)) {
            return true;
        }
        // A host cut off for flooding: closed before anything it sends is read, let alone buffered.
        counters.recordConnectionRefused();
        channel.close();
        return false;
    }

    @Override
    void framingLost(SocketChannel channel) {
        InetAddress host = hostOf(channel);
        if (host != null) {
            admission.framingLost(host);
        }
    }

    private static InetAddress hostOf(SocketChannel channel) {
        InetSocketAddress address = channel.remoteAddress();
        return address == null ? null : address.getAddress();
    }

    @Override
    CloseableFrameConnection connectionOf(SocketChannel channel, TransportCounters counters) {
        accepted.add(channel);
        return new AcceptedConnection(channel, counters);
    }
}
