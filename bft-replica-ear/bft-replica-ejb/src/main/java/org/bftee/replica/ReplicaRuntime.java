package org.bftee.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.driver.DriverThreads;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;

/**
 * One running replica: the protocol runtime of {@code bft-runtime} (the replica core on its owner
 * thread, the Netty transport, the protocol timers) started from {@link ReplicaSettings} on threads
 * made by the host's thread factory. Kept apart from the enterprise bean so that it runs, and is
 * tested, without a container.
 *
 * <p>The protocol timers run on a scheduler of this runtime's own, on one thread of the host's
 * factory, not on the container's managed scheduled executor: WildFly refuses to run a managed
 * executor's tasks while the server is suspended (graceful shutdown, or {@code :suspend}), and a
 * timer expiry lost that way breaks the driver's contract for good (the STATUS timer would never be
 * set again, so retransmission would stop even after {@code :resume}).
 *
 * <p>The replica's state is in memory in this version; its state directory is created and checked
 * writable at start, so that a server that could not keep the durable state of later versions
 * fails now, naming the directory.
 */
public final class ReplicaRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReplicaRuntime.class.getName());

    private final ReplicaSettings settings;
    private final NettyTransport transport;
    private final ScheduledThreadPoolExecutor timers;
    private final ReplicaDriver driver;
    private volatile boolean closed;

    private ReplicaRuntime(ReplicaSettings settings, NettyTransport transport, ScheduledThreadPoolExecutor timers,
                           ReplicaDriver driver) {
        this.settings = settings;
        this.transport = transport;
        this.timers = timers;
        this.driver = driver;
    }

    /**
     * Starts the replica: listens on its group address, dials its peers and starts the core.
     *
     * @param threads makes every thread of the runtime: the owner thread, the event loops and the
     *                timer thread
     * @throws ReplicaConfigurationException if the state directory cannot be used or the replica's
     *         address cannot be bound, naming what to fix; nothing is left running
     */
    public static ReplicaRuntime start(ReplicaSettings settings, ThreadFactory threads) {
        prepareStateDirectory(settings.stateDirectory());
        GroupConfig group = settings.group();
        String prefix = "bft-replica-" + settings.replicaId();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, named(threads, prefix + "-timers-"));
        // Timers are restarted all the time; cancelled ones should not wait in the queue until their delay ends.
        timers.setRemoveOnCancelPolicy(true);
        NettyTransport transport = new NettyTransport(
                TransportSettings.defaults(WireLimits.forGroup(group.limits(), group.n())),
                named(threads, "bft-net-replica-" + settings.replicaId() + "-"));
        ReplicaDriver driver = null;
        try {
            driver = new ReplicaDriver(group, settings.replicaId(), settings.keys(), settings.service().create(),
                    ObjectStoreLimits.defaults(), transport, new DriverThreads(threads, timers));
            driver.start();
            return new ReplicaRuntime(settings, transport, timers, driver);
        } catch (UncheckedIOException cannotListen) {
            stopQuietly(driver, transport, timers);
            throw new ReplicaConfigurationException("replica " + settings.replicaId() + " cannot listen on "
                    + group.replica(settings.replicaId()).address() + ", its address in "
                    + settings.groupFile().toAbsolutePath() + " (replica." + settings.replicaId() + ".address): "
                    + cannotListen.getMessage() + ". Stop what uses that port, or give the replica another"
                    + " address in the group file on every server", cannotListen);
        } catch (RuntimeException failed) {
            stopQuietly(driver, transport, timers);
            throw failed;
        }
    }

    /** Renames the threads {@code threads} makes, so that thread dumps say they are this replica's event loops. */
    private static ThreadFactory named(ThreadFactory threads, String prefix) {
        AtomicInteger made = new AtomicInteger();
        return run -> {
            Thread thread = threads.newThread(run);
            if (thread != null) {
                thread.setName(prefix + made.incrementAndGet());
            }
            return thread;
        };
    }

    private static void prepareStateDirectory(Path directory) {
        String named = "the replica's state directory " + directory.toAbsolutePath() + " ("
                + ReplicaSettings.STATE_DIRECTORY_NAME + " in " + ReplicaSettings.DATA_DIRECTORY_PROPERTY + ")";
        try {
            Files.createDirectories(directory);
        } catch (IOException | UncheckedIOException failed) {
            throw new ReplicaConfigurationException(named + " cannot be created: " + failed, failed);
        }
        if (!Files.isWritable(directory)) {
            throw new ReplicaConfigurationException(named + " is not writable by this server");
        }
    }

    private static void stopQuietly(ReplicaDriver driver, NettyTransport transport,
                                    ScheduledThreadPoolExecutor timers) {
        try {
            if (driver != null) {
                driver.close();
            }
        } finally {
            try {
                transport.close();
            } finally {
                timers.shutdownNow();
            }
        }
    }

    public ReplicaSettings settings() {
        return settings;
    }

    public ReplicaDriver driver() {
        return driver;
    }

    public NettyTransport transport() {
        return transport;
    }

    /** Whether the replica runs: not closed, and its owner thread not stopped by a bug. */
    public boolean isRunning() {
        return !closed && driver.status().failure() == null;
    }

    /**
     * Stops the owner thread (after the events it already holds), cancels the protocol timers,
     * closes every connection and stops the event loops, each within a bounded wait.
     */
    @Override
    public void close() {
        closed = true;
        stopQuietly(driver, transport, timers);
        // Read once the owner thread has ended: the core's counters are that thread's alone.
        LOG.log(Level.INFO, "BFT replica {0}: runtime stopped at {1}; {2}", String.valueOf(settings.replicaId()),
                driver.status(), driver.countersSummary());
    }
}
