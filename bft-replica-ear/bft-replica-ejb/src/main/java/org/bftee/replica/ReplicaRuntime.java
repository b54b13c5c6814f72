package org.bftee.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.driver.StateDirectoryException;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;

/**
 * One running replica: the protocol runtime of {@code bft-runtime} (the replica core, its Netty
 * transport and its protocol timers, all on the transport's one event loop) started from
 * {@link ReplicaSettings} on a thread made by the host's thread factory. Kept apart from the
 * enterprise bean so that it runs, and is tested, without a container.
 *
 * <p>The protocol timers run on that event loop, not on the container's managed scheduled executor:
 * WildFly refuses to run a managed executor's tasks while the server is suspended (graceful shutdown,
 * or {@code :suspend}), and a timer expiry lost that way breaks the driver's contract for good (the
 * STATUS timer would never be set again, so retransmission would stop even after {@code :resume}).
 *
 * <p>The replica keeps its durable state in its state directory ({@code bft-replica} in the server's
 * data directory): the stable checkpoints, and with the group's {@code durability = synced} the vote
 * log, replayed at start (docs/durability.md). The directory is created and checked writable at
 * start, so that a server that cannot keep that state fails now, naming the directory.
 */
public final class ReplicaRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReplicaRuntime.class.getName());

    private final ReplicaSettings settings;
    private final NettyTransport transport;
    private final ReplicaDriver driver;
    private volatile boolean closed;

    private ReplicaRuntime(ReplicaSettings settings, NettyTransport transport, ReplicaDriver driver) {
        this.settings = settings;
        this.transport = transport;
        this.driver = driver;
    }

    /**
     * Starts the replica: listens on its group address, dials its peers and starts the core.
     *
     * @param threads makes the runtime's one thread, its event loop
     * @throws ReplicaConfigurationException if the state directory cannot be used or the replica's
     *         address cannot be bound, naming what to fix; nothing is left running
     */
    public static ReplicaRuntime start(ReplicaSettings settings, ThreadFactory threads) {
        prepareStateDirectory(settings.stateDirectory());
        GroupConfig group = settings.group();
        // One event loop, made by the container's factory, runs the replica's core, its sockets and its
        // protocol timers (ReplicaDriver). Not the container's managed scheduled executor: it refuses tasks
        // while the server is suspended, and a STATUS expiry lost then would never be set again.
        NettyTransport transport = new NettyTransport(
                TransportSettings.defaults(WireLimits.forGroup(group.limits(), group.n())).withIoThreads(1),
                named(threads, "bft-replica-" + settings.replicaId() + "-"));
        ReplicaDriver driver = null;
        try {
            // Stable checkpoints go to the state directory on a thread of the container's, so that a
            // restarted server fetches from the group only what changed after the last one.
            driver = new ReplicaDriver(group, settings.replicaId(), settings.keys(), settings.service().create(),
                    ObjectStoreLimits.defaults(), transport, settings.stateDirectory(),
                    named(threads, "bft-replica-" + settings.replicaId() + "-storage-"));
            driver.start();
            return new ReplicaRuntime(settings, transport, driver);
        } catch (StateDirectoryException unusable) {
            stopQuietly(driver, transport);
            throw new ReplicaConfigurationException(unusable.getMessage() + " (" + ReplicaSettings.STATE_DIRECTORY_NAME
                    + " in " + ReplicaSettings.DATA_DIRECTORY_PROPERTY + "); fix its permissions or move the damaged"
                    + " files aside, and the replica fetches its state from the group", unusable);
        } catch (UncheckedIOException cannotListen) {
            stopQuietly(driver, transport);
            throw new ReplicaConfigurationException("replica " + settings.replicaId() + " cannot listen on "
                    + group.replica(settings.replicaId()).address() + ", its address in "
                    + settings.groupFile().toAbsolutePath() + " (replica." + settings.replicaId() + ".address): "
                    + cannotListen.getMessage() + ". Stop what uses that port, or give the replica another"
                    + " address in the group file on every server", cannotListen);
        } catch (RuntimeException failed) {
            stopQuietly(driver, transport);
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

    private static void stopQuietly(ReplicaDriver driver, NettyTransport transport) {
        try {
            if (driver != null) {
                driver.close();
            }
        } finally {
            transport.close();
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
     * Stops the replica core, closes every connection and stops the event loop with its timers, each
     * within a bounded wait.
     */
    @Override
    public void close() {
        closed = true;
        stopQuietly(driver, transport);
        // Read once the event loop has ended: the core's counters are that thread's alone.
        LOG.log(Level.INFO, "BFT replica {0}: runtime stopped at {1}; {2}", String.valueOf(settings.replicaId()),
                driver.status(), driver.countersSummary());
    }
}
