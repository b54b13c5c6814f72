package org.bftee.runtime.net;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bound listening socket of a {@link NettyTransport} and the connections it accepted. Closing it stops
 * accepting and closes every connection accepted through it; the same address can then be listened on again.
 */
public final class ListeningEndpoint implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ListeningEndpoint.class.getName());

    private final Channel serverChannel;
    private final ChannelGroup accepted;
    private final InetSocketAddress localAddress;
    private final Duration closeWaitMax;
    private final AtomicBoolean closed = new AtomicBoolean();

    ListeningEndpoint(Channel serverChannel, ChannelGroup accepted, Duration closeWaitMax) {
        this.serverChannel = Objects.requireNonNull(serverChannel, "serverChannel");
        this.accepted = Objects.requireNonNull(accepted, "accepted");
        this.closeWaitMax = Objects.requireNonNull(closeWaitMax, "closeWaitMax");
        // Kept: a closed channel no longer knows its address, and logs want it after close.
        this.localAddress = (InetSocketAddress) serverChannel.localAddress();
    }

    /** The address bound, with the port the system chose when asked for port 0. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public int port() {
        return localAddress.getPort();
    }

    /** Accepted connections that are still open. */
    public int acceptedConnections() {
        return accepted.size();
    }

    public boolean isOpen() {
        return serverChannel.isOpen();
    }

    /**
     * Stops accepting and closes the accepted connections; idempotent. Waits for the sockets to be closed, at
     * most a bounded time, unless called on one of the transport's event loops (which must never block).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        var serverClosed = serverChannel.close();
        var acceptedClosed = accepted.close();
        if (!NettyTransport.onEventLoop(serverChannel.eventLoop().parent())) {
            long waitMillis = closeWaitMax.toMillis();
            if (!serverClosed.awaitUninterruptibly(waitMillis) || !acceptedClosed.awaitUninterruptibly(waitMillis)) {
                LOG.log(Level.WARNING, "Listening endpoint {0} did not close within {1}", localAddress, closeWaitMax);
            }
        }
        LOG.log(Level.INFO, "Stopped listening on {0}", localAddress);
    }

    @Override
    public String toString() {
        return "listening endpoint " + localAddress;
    }
}
