package org.bftee.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.replica.DropReason;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.driver.ReplicaRejections;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica driven on threads its host hands it, as the replica EAR does with the container's
 * managed thread factory: the replica's transport makes its one event loop with the host's factory,
 * and that thread runs the core, its sockets and its timers; closing stops it.
 */
class HostThreadsTest {

    private final RecordingThreadFactory networkThreads = new RecordingThreadFactory();
    private NettyTransport transport;
    private ReplicaDriver driver;

    @AfterEach
    void stopEverything() {
        if (driver != null) {
            driver.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void aDriverRunsOnTheThreadOfTheHostsFactoryAndNoOther() throws Exception {
        LocalPrincipals principals = LocalPrincipals.generate(1, 0, ProtocolLimits.defaults(),
                ProtocolTimeouts.defaults());
        transport = new NettyTransport(TransportSettings.defaults(
                WireLimits.forGroup(principals.group().limits(), principals.group().n())).withIoThreads(1),
                networkThreads);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        driver = new ReplicaDriver(principals.group(), 0, principals.replicaKeys().get(0),
                new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults(), transport);

        driver.start();
        waitUntil(() -> driver.status().view() == 0 && networkThreads.made.size() == 1, "the replica to start");

        Thread loop = networkThreads.made.get(0);
        assertTrue(loop.isAlive());
        Set<Thread> made = new HashSet<>(Thread.getAllStackTraces().keySet());
        made.removeAll(before);
        made.remove(loop);
        assertTrue(made.stream().noneMatch(thread -> thread.getName().startsWith("bft-")),
                "no thread of the driver's own: " + made);

        driver.close();
        driver = null;
        transport.close();
        transport = null;
        loop.join(10_000);
        assertFalse(loop.isAlive(), "the host's thread ended with the transport");
    }

    @Test
    void rejectionsListEveryReasonFromTheStart() {
        LocalPrincipals principals = LocalPrincipals.generate(1, 0, ProtocolLimits.defaults(),
                ProtocolTimeouts.defaults());
        driver = new ReplicaDriver(principals.group(), 0, principals.replicaKeys().get(0),
                new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults(), null);

        ReplicaRejections rejections = driver.rejections();

        assertEquals(DropReason.values().length, rejections.messagesDropped().size());
        assertEquals(0L, rejections.messagesDropped().get(DropReason.OLD_TIMESTAMP));
        assertTrue(rejections.framesUnauthenticated().values().stream().allMatch(count -> count == 0));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Makes daemon threads and keeps them, so that the test can see which were made here. */
    private static final class RecordingThreadFactory implements ThreadFactory {

        final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable run) {
            Thread thread = new Thread(run, "host-thread-" + made.size());
            thread.setDaemon(true);
            made.add(thread);
            return thread;
        }
    }
}
