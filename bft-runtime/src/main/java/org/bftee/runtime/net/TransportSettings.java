package org.bftee.runtime.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bftee.core.codec.WireLimits;

/**
 * The limits of a {@link NettyTransport} (STYLE rule 4), validated when built. Start from
 * {@link #defaults(WireLimits)} and name what differs with the {@code with…} methods, so that no two
 * values of the same type can be swapped by position.
 *
 * @param limits                  the wire format's maxima; {@link WireLimits#frameBytesMax()} bounds what a
 *                                connection buffers for one inbound frame
 * @param ioThreads               event-loop threads shared by every connection of the transport
 * @param reconnectBackoffMin     the first delay before a dialed connection tries again
 * @param reconnectBackoffMax     the delay doubles after every failed attempt up to this; a connection that
 *                                stayed up at least this long starts again from the minimum
 * @param rejectedFramesBeforeCut not applied by the transport: a stream that loses its framing is closed at
 *                                the first invalid frame, since nothing after it can be trusted to start a frame.
 *                                It is the number of well-framed frames that fail decoding or authentication
 *                                which the owner tolerates on one connection before it calls
 *                                {@link CloseableFrameConnection#close(String)}
 * @param pendingWriteBytesMax    bytes queued for one connection and not yet taken by the socket, above which
 *                                further writes are dropped and counted until it drains below half of this.
 *                                A peer that stops reading cannot make us buffer without bound; retransmission
 *                                repairs what was dropped
 * @param connectTimeout          how long one connection attempt may take before it counts as failed
 */
public record TransportSettings(
        WireLimits limits,
        int ioThreads,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        int rejectedFramesBeforeCut,
        int pendingWriteBytesMax,
        Duration connectTimeout) {

    /** More event loops than this would only add context switches for a replica's handful of connections. */
    public static final int IO_THREADS_MAX = 256;

    /** Longest reconnect delay accepted: beyond it a group would look partitioned for no reason. */
    public static final Duration RECONNECT_BACKOFF_CEILING = Duration.ofHours(1);

    /** Longest connect timeout accepted (Netty takes it as an int of milliseconds). */
    public static final Duration CONNECT_TIMEOUT_CEILING = Duration.ofMinutes(10);

    private static final int IO_THREADS_DEFAULT_MAX = 4;

    /**
     * Values for a LAN group: up to four I/O threads (fewer on smaller machines), reconnection after
     * 100 ms doubling up to 5 s, 16 rejected frames before the owner cuts a connection, one largest
     * frame of pending writes per connection, 5 s to connect.
     */
    public static TransportSettings defaults(WireLimits limits) {
        Objects.requireNonNull(limits, "limits");
        int ioThreads = Math.min(IO_THREADS_DEFAULT_MAX, Runtime.getRuntime().availableProcessors());
        return new TransportSettings(limits, ioThreads, Duration.ofMillis(100), Duration.ofSeconds(5), 16,
                limits.frameBytesMax(), Duration.ofSeconds(5));
    }

    public TransportSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reconnectBackoffMin, "reconnectBackoffMin");
        Objects.requireNonNull(reconnectBackoffMax, "reconnectBackoffMax");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        List<String> problems = new ArrayList<>();
        if (ioThreads < 1 || ioThreads > IO_THREADS_MAX) {
            problems.add("ioThreads must be in [1, " + IO_THREADS_MAX + "], got " + ioThreads);
        }
        within(problems, "reconnectBackoffMin", reconnectBackoffMin, RECONNECT_BACKOFF_CEILING);
        within(problems, "reconnectBackoffMax", reconnectBackoffMax, RECONNECT_BACKOFF_CEILING);
        if (reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
            problems.add("reconnectBackoffMax (" + reconnectBackoffMax + ") is below reconnectBackoffMin ("
                    + reconnectBackoffMin + ")");
        }
        if (rejectedFramesBeforeCut < 1) {
            problems.add("rejectedFramesBeforeCut must be positive, got " + rejectedFramesBeforeCut);
        }
        if (pendingWriteBytesMax < 1) {
            problems.add("pendingWriteBytesMax must be positive, got " + pendingWriteBytesMax);
        }
        within(problems, "connectTimeout", connectTimeout, CONNECT_TIMEOUT_CEILING);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid transport settings: " + String.join("; ", problems));
        }
    }

    private static void within(List<String> problems, String name, Duration value, Duration ceiling) {
        if (value.isNegative() || value.isZero() || value.compareTo(ceiling) > 0) {
            problems.add(name + " must be positive and at most " + ceiling + ", got " + value);
        }
    }

    public TransportSettings withIoThreads(int value) {
        return new TransportSettings(limits, value, reconnectBackoffMin, reconnectBackoffMax,
                rejectedFramesBeforeCut, pendingWriteBytesMax, connectTimeout);
    }

    public TransportSettings withReconnectBackoff(Duration min, Duration max) {
        return new TransportSettings(limits, ioThreads, min, max, rejectedFramesBeforeCut, pendingWriteBytesMax,
                connectTimeout);
    }

    public TransportSettings withRejectedFramesBeforeCut(int value) {
        return new TransportSettings(limits, ioThreads, reconnectBackoffMin, reconnectBackoffMax, value,
                pendingWriteBytesMax, connectTimeout);
    }

    public TransportSettings withPendingWriteBytesMax(int value) {
        return new TransportSettings(limits, ioThreads, reconnectBackoffMin, reconnectBackoffMax,
                rejectedFramesBeforeCut, value, connectTimeout);
    }

    public TransportSettings withConnectTimeout(Duration value) {
        return new TransportSettings(limits, ioThreads, reconnectBackoffMin, reconnectBackoffMax,
                rejectedFramesBeforeCut, pendingWriteBytesMax, value);
    }
}
