package org.bftee.runtime.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A connection this side dials, and dials again whenever it drops, for as long as the transport is open.
 * The owner keeps one object across reconnections: inbound frames on every channel it opens reach the sink
 * with this object as their connection, and a write while no channel is up is dropped and counted.
 *
 * <p>Threading: the connection is bound to one event loop, which runs every connect, every reconnection
 * and every close callback, so the backoff state needs no lock. Other threads only read the current
 * channel (volatile) to write, flush or close it.
 */
final class DialedConnection extends ChannelFrameConnection {

    private static final System.Logger LOG = System.getLogger(DialedConnection.class.getName());

    private final InetSocketAddress address;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final TransportCounters counters;
    private final long backoffMinNanos;
    private final long backoffMaxNanos;

    /** The channel that is up, or {@code null}. Written on {@link #loop} only. */
    private volatile Channel channel;
    private volatile boolean stopped;

    // Confined to {@link #loop}.
    private long backoffNanos;
    private long connectedAtNanos;

    /**
     * @param bootstrap a bootstrap whose group is {@code loop} and whose handler is still to be set: this
     *                  connection installs a {@link DialingChannelInitializer} that names itself as the connection
     */
    DialedConnection(InetSocketAddress address, EventLoop loop, Bootstrap bootstrap, TransportSettings settings,
            FrameSink sink, TransportCounters counters) {
        super(counters, address.toString());
        this.address = address;
        this.loop = Objects.requireNonNull(loop, "loop");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.backoffMinNanos = settings.reconnectBackoffMin().toNanos();
        this.backoffMaxNanos = settings.reconnectBackoffMax().toNanos();
        this.backoffNanos = backoffMinNanos;
        // Last: the initializer keeps a reference to this connection, used only once start() dials.
        this.bootstrap = bootstrap.handler(new DialingChannelInitializer(settings.limits(), counters, sink, this));
    }

    /** Makes the first attempt, on the connection's event loop; returns at once. */
    void start() {
        loop.execute(this::connect);
    }

    /** Closes the channel and stops reconnecting, for good; from the transport's {@code close()}. */
    void stop() {
        stopped = true;
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    @Override
    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "connection dialed to " + remote() + " (dialed again when it drops)";
    }

    private void connect() {
        if (stopped) {
            return;
        }
        bootstrap.connect(address).addListener((ChannelFuture attempt) -> connected(attempt));
    }

    private void connected(ChannelFuture attempt) {
        if (!attempt.isSuccess()) {
            LOG.log(Level.DEBUG, "Could not connect to {0}: {1}", remote(), String.valueOf(attempt.cause()));
            scheduleReconnect();
            return;
        }
        Channel opened = attempt.channel();
        // Dialing a free port of this host can, rarely, connect a socket to itself (TCP simultaneous open).
        if (stopped || Objects.equals(opened.localAddress(), opened.remoteAddress())) {
            opened.close();
            scheduleReconnect();
            return;
        }
        channel = opened;
        connectedAtNanos = System.nanoTime();
        LOG.log(Level.INFO, "Connected to {0}", remote());
        opened.closeFuture().addListener(closed -> disconnected(opened));
    }

    private void disconnected(Channel closed) {
        if (channel == closed) {
            channel = null;
        }
        // A connection that keeps being cut soon after it comes up does not earn a fast reconnect.
        if (System.nanoTime() - connectedAtNanos >= backoffMaxNanos) {
            backoffNanos = backoffMinNanos;
        }
        if (!stopped) {
            LOG.log(Level.INFO, "Connection to {0} dropped; dialing again", remote());
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        long delay = jittered(backoffNanos);
        backoffNanos = Math.min(backoffNanos * 2, backoffMaxNanos);
        try {
            loop.schedule(this::reconnect, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The transport is closing: nothing left to reconnect for.
        }
    }

    private void reconnect() {
        if (stopped) {
            return;
        }
        counters.recordReconnectAttempt();
        connect();
    }

    /**
     * A delay in the upper half of {@code [min, backoff]}, so that peers cut at the same moment do not all
     * dial again at the same moment; never below the minimum nor above the current backoff.
     */
    private long jittered(long backoff) {
        long spread = (backoff - backoffMinNanos) / 2;
        return backoff - (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(spread + 1));
    }
}
