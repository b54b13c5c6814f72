package org.bftee.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.replica.DropReason;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.driver.DriverThreads;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.driver.ReplicaRejections;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica driven on threads its host hands it, as the replica EAR does with the container's
 * managed thread factory and scheduled executor: the driver uses them, and on close it stops its
 * own threads and leaves the shared scheduler running with none of its timers queued.
 */
class HostThreadsTest {

    private final RecordingThreadFactory ownerThreads = new RecordingThreadFactory();
    private final RecordingThreadFactory networkThreads = new RecordingThreadFactory();
    private final ScheduledThreadPoolExecutor sharedScheduler = new ScheduledThreadPoolExecutor(1);
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
        sharedScheduler.shutdownNow();
    }

    @Test
    void aDriverRunsOnTheHostsThreadsAndLeavesTheSharedSchedulerRunningWithNothingQueued() throws Exception {
        sharedScheduler.setRemoveOnCancelPolicy(true);
        LocalPrincipals principals = LocalPrincipals.generate(1, 0, ProtocolLimits.defaults(),
                ProtocolTimeouts.defaults());
        transport = new NettyTransport(TransportSettings.defaults(
                WireLimits.forGroup(principals.group().limits(), principals.group().n())).withIoThreads(1),
                networkThreads);
        driver = new ReplicaDriver(principals.group(), 0, principals.replicaKeys().get(0),
                new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults(), transport,
                new DriverThreads(ownerThreads, sharedScheduler));

        driver.start();
        waitUntil(() -> !sharedScheduler.getQueue().isEmpty(), "the STATUS timer to be scheduled");

        assertEquals(1, ownerThreads.made.size(), "one owner thread");
        Thread owner = ownerThreads.made.get(0);
        assertEquals("bft-replica-0", owner.getName());
        assertTrue(owner.isAlive());
        assertFalse(networkThreads.made.isEmpty(), "the event loop comes from the host's factory");

        driver.close();

        assertFalse(owner.isAlive(), "the owner thread ended");
        assertFalse(sharedScheduler.isShutdown(), "a shared scheduler is not the driver's to shut down");
        waitUntil(() -> sharedScheduler.getQueue().isEmpty(), "the driver's timers to leave the scheduler");
    }

    @Test
    void rejectionsListEveryReasonFromTheStart() {
        LocalPrincipals principals = LocalPrincipals.generate(1, 0, ProtocolLimits.defaults(),
                ProtocolTimeouts.defaults());
        driver = new ReplicaDriver(principals.group(), 0, principals.replicaKeys().get(0),
                new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults(), null,
                new DriverThreads(ownerThreads, sharedScheduler));

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
