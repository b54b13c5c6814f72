package org.bftee.runtime.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Netty transport: listens for and dials TCP connections that carry bft-core frames, cuts the
 * inbound streams into frames for a {@link FrameSink}, and writes frames handed to a {@link FrameConnection}.
 *
 * <p>Threading. A pool of {@link TransportSettings#ioThreads()} event loops (native epoll where available,
 * NIO otherwise; daemon threads named {@code bft-net-…} or as the creator says, which never keep a JVM
 * alive on their own, or threads of an executor the caller hands in) runs every socket. Sinks are
 * called on those loops and must not block. Writes and flushes
 * may come from any thread. {@link #listen}, {@link ListeningEndpoint#close()} and {@link #close()} wait
 * for the sockets (a bounded time) and belong on the owner's threads, not on an event loop.
 *
 * <p>Buffers. A frame handed to a sink is a fresh heap buffer that the sink owns. A frame passed to
 * {@link FrameConnection#write} waits in the connection and is copied at the next flush, which hands the
 * frames to the event loop in one buffer: the writer must not change its bytes before that flush.
 *
 * <p>Limits. An inbound stream buffers at most one frame ({@link org.bftee.core.codec.WireLimits#frameBytesMax()})
 * plus one socket read; an outbound connection holds at most {@link TransportSettings#pendingWriteBytesMax()}
 * (plus the frame that crossed it) before writes are dropped and counted.
 */
public final class NettyTransport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NettyTransport.class.getName());

    /** The longest any blocking call of this package waits: to bind, to close, to shut the event loops down. */
    static final Duration BLOCKING_WAIT_MAX = Duration.ofSeconds(5);

    private final TransportSettings settings;
    private final TransportCounters counters = new TransportCounters();
    private final IoFlavour io;
    private final MultiThreadIoEventLoopGroup group;
    private final WriteBufferWaterMark waterMark;
    private final Set<DialedConnection> dialed = ConcurrentHashMap.newKeySet();
    private final Set<ListeningEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Starts the event loops, on native epoll when {@link Epoll#isAvailable()}, else on NIO. */
    public NettyTransport(TransportSettings settings) {
        this(settings, "bft-net");
    }

    /** @param threadNamePrefix what the event loop threads' names start with, e.g. the replica they serve */
    public NettyTransport(TransportSettings settings, String threadNamePrefix) {
        this(settings, true, named(threadNamePrefix));
    }

    /**
     * Starts the event loops on threads that {@code threads} runs: each of the
     * {@link TransportSettings#ioThreads()} loops is one task that runs until {@link #close()}. For a
     * container that hands out its own threads (a resource adapter's {@code WorkManager}), which must
     * accept that many long-running tasks.
     */
    public NettyTransport(TransportSettings settings, Executor threads) {
        this(settings, true, Objects.requireNonNull(threads, "threads"));
    }

    /**
     * Starts the event loops on threads made by {@code threads}, for example a container's managed
     * thread factory (the threads are then named by that factory, not {@code bft-net-…}).
     */
    public NettyTransport(TransportSettings settings, ThreadFactory threads) {
        this(settings, true, new ThreadPerTaskExecutor(Objects.requireNonNull(threads, "threads")));
    }

    /** @param nativeAllowed {@code false} forces NIO, so that tests cover both flavours on Linux */
    NettyTransport(TransportSettings settings, boolean nativeAllowed) {
        this(settings, nativeAllowed, named("bft-net"));
    }

    private static Executor named(String threadNamePrefix) {
        return new ThreadPerTaskExecutor(new DefaultThreadFactory(
                Objects.requireNonNull(threadNamePrefix, "threadNamePrefix"), true));
    }

    private NettyTransport(TransportSettings settings, boolean nativeAllowed, Executor threads) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(threads, "threads");
        this.io = IoFlavour.choose(nativeAllowed);
        this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), threads, io.handlers());
        this.waterMark = waterMark(settings.pendingWriteBytesMax());
        LOG.log(Level.INFO, "Netty transport on {0} with {1} I/O threads", io.name(), settings.ioThreads());
    }

    public TransportSettings settings() {
        return settings;
    }

    /**
     * The event loops as a timer for sessions that share this transport, so that they need no thread of
     * their own: tasks scheduled on it must only hand work to their owner, never block. Not to be shut
     * down by its users: {@link #close()} does.
     */
    public ScheduledExecutorService timers() {
        return group;
    }

    public TransportCounters counters() {
        return counters;
    }

    /**
     * An event loop of this transport for a state machine to run on ({@link org.bftee.runtime.driver.EventLoopOwner}).
     * With {@link TransportSettings#ioThreads()} of 1 it is the loop that serves every connection of the
     * transport, so frames reach that state machine on its own thread.
     */
    public EventLoop eventLoopForOwner() {
        return group.next();
    }

    /** Whether the event loops run on native epoll rather than NIO. */
    public boolean isNative() {
        return io.isNative();
    }

    /**
     * Binds {@code address} (port 0 lets the system choose; read it from the endpoint) and hands every frame
     * that arrives on an accepted connection to {@code sink}, with that connection.
     *
     * @throws UncheckedIOException  if the address cannot be bound, with the {@link java.net.BindException} as cause
     * @throws IllegalStateException if the transport is closed
     */
    public ListeningEndpoint listen(InetSocketAddress address, FrameSink sink) {
        return listen(address, sink, Admission.OPEN);
    }

    /**
     * As {@link #listen(InetSocketAddress, FrameSink)}, asking {@code admission} before each accepted connection
     * is set up and telling it of every stream closed for losing its framing.
     */
    public ListeningEndpoint listen(InetSocketAddress address, FrameSink sink, Admission admission) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(sink, "sink");
        requireOpen();
        ChannelGroup accepted = new DefaultChannelGroup("accepted on " + address, group.next(), true);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(io.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .childHandler(new ListeningChannelInitializer(settings.limits(), counters, sink, accepted, admission));
        ChannelFuture bind = bind(bootstrap, address);
        ListeningEndpoint endpoint = new ListeningEndpoint(bind.channel(), accepted, BLOCKING_WAIT_MAX);
        endpoints.add(endpoint);
        bind.channel().closeFuture().addListener(done -> endpoints.remove(endpoint));
        if (closed.get()) {
            endpoint.close();
            throw new IllegalStateException("transport closed while listening on " + address);
        }
        LOG.log(Level.INFO, "Listening on {0}", endpoint.localAddress());
        return endpoint;
    }

    /**
     * Opens a connection to {@code address} that reconnects by itself, with exponential backoff between
     * {@link TransportSettings#reconnectBackoffMin()} and {@link TransportSettings#reconnectBackoffMax()},
     * until the transport closes. Returns at once, before the first attempt completes: writes made while the
     * connection is down are dropped and counted. Frames the peer sends back on it reach {@code sink} with the
     * returned object as their connection.
     *
     * @throws IllegalStateException if the transport is closed
     */
    public CloseableFrameConnection dial(InetSocketAddress address, FrameSink sink) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(sink, "sink");
        requireOpen();
        EventLoop loop = group.next();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(io.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
        DialedConnection connection = new DialedConnection(address, loop, bootstrap, settings, sink, counters);
        dialed.add(connection);
        if (closed.get()) {
            connection.stop();
            throw new IllegalStateException("transport closed while dialing " + address);
        }
        connection.start();
        return connection;
    }

    /**
     * Closes a connection this transport dialed and stops redialing it, for good: what a session
     * that shares the transport does when it ends (a plain {@code close(reason)} reconnects).
     * Does nothing for a connection this transport did not dial.
     */
    public void hangUp(CloseableFrameConnection connection) {
        if (connection instanceof DialedConnection dialedConnection && dialed.remove(dialedConnection)) {
            dialedConnection.stop();
        }
    }

    /** {@link #hangUp} of each of {@code connections}, skipping null entries (peers never dialed). */
    public void hangUpAll(CloseableFrameConnection[] connections) {
        for (CloseableFrameConnection connection : connections) {
            if (connection != null) {
                hangUp(connection);
            }
        }
    }

    /**
     * Stops reconnecting, closes every endpoint and connection and shuts the event loops down; idempotent.
     * Waits for the loops to terminate, at most a bounded time, unless called on one of them.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dialed.forEach(DialedConnection::stop);
        endpoints.forEach(ListeningEndpoint::close);
        long waitMillis = BLOCKING_WAIT_MAX.toMillis();
        Future<?> termination = group.shutdownGracefully(0, waitMillis, TimeUnit.MILLISECONDS);
        if (!onEventLoop(group) && !termination.awaitUninterruptibly(2 * waitMillis)) {
            LOG.log(Level.WARNING, "Netty transport event loops did not terminate within {0}", BLOCKING_WAIT_MAX);
        }
        LOG.log(Level.INFO, "Netty transport closed");
    }

    /**
     * Writes are refused above {@code pendingWriteBytesMax} and accepted again once below half of it. Netty
     * makes a channel writable again only when its pending bytes fall strictly below the low mark, so the low
     * mark is at least 1: at 0 a channel that once filled up would never take a write again.
     */
    static WriteBufferWaterMark waterMark(int pendingWriteBytesMax) {
        return new WriteBufferWaterMark(Math.max(1, pendingWriteBytesMax / 2), pendingWriteBytesMax);
    }

    /** Whether the calling thread is one of {@code group}'s event loops, where blocking would deadlock. */
    static boolean onEventLoop(EventLoopGroup group) {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the transport is closed");
        }
    }

    private static ChannelFuture bind(ServerBootstrap bootstrap, InetSocketAddress address) {
        ChannelFuture bind = bootstrap.bind(address);
        if (!bind.awaitUninterruptibly(BLOCKING_WAIT_MAX.toMillis())) {
            bind.channel().close();
            throw new UncheckedIOException(new IOException("binding " + address + " took longer than "
                    + BLOCKING_WAIT_MAX));
        }
        if (!bind.isSuccess()) {
            Throwable cause = bind.cause();
            IOException failure = cause instanceof IOException io ? io : new IOException(cause);
            throw new UncheckedIOException("cannot listen on " + address + ": " + cause.getMessage(), failure);
        }
        return bind;
    }

    /** Which of Netty's socket implementations the event loops run. */
    private record IoFlavour(String name, boolean isNative, IoHandlerFactory handlers,
            Class<? extends ServerSocketChannel> serverChannel, Class<? extends SocketChannel> channel) {

        static IoFlavour choose(boolean nativeAllowed) {
            if (nativeAllowed && Epoll.isAvailable()) {
                return new IoFlavour("native epoll", true, EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                        EpollSocketChannel.class);
            }
            String why = nativeAllowed ? "native epoll unavailable: " + Epoll.unavailabilityCause() : "NIO requested";
            return new IoFlavour("NIO (" + why + ")", false, NioIoHandler.newFactory(), NioServerSocketChannel.class,
                    NioSocketChannel.class);
        }
    }
}
