package org.bftee.ra;

import static org.bftee.ra.LocalGroupKvTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.ra.api.BftConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In an application server the client runtime runs on the container's threads: every thread it
 * needs is Work started on the BootstrapContext's WorkManager, long-running, and all of that Work
 * has ended once the adapter is stopped; results reach the application on short Work it schedules.
 */
class WorkManagerThreadsTest {

    @TempDir
    Path directory;

    @Test
    void theRuntimeRunsOnWorkThatEndsWhenTheAdapterStops() throws Exception {
        ThreadPoolBootstrapContext container = new ThreadPoolBootstrapContext();
        AdapterOnLocalGroup adapter = null;
        try {
            adapter = AdapterOnLocalGroup.start(directory, replica -> new ShippedServices(KvLimits.defaults()), container);
            BftConnection connection = adapter.connect();
            connection.kv().put(bytes("k"), bytes("v"));
            assertArrayEquals(bytes("v"), connection.kv().get(bytes("k")).orElseThrow());

            // The session's owner loop and the transport's event loops, each one long-running Work.
            assertEquals(1 + SharedClients.IO_THREADS, container.started.get());
            assertEquals(container.started.get(), container.longRunning.get());
            assertEquals(container.started.get(), container.running.get());
            assertTrue(container.scheduled.get() >= 2, "results are handed over on the container's threads");

            adapter.adapter.stop();

            // stop() waits for the loops to end; the Work's own last statements may still be running.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (container.running.get() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertEquals(0, container.running.get(), "Work still running after the adapter stopped");
        } finally {
            if (adapter != null) {
                adapter.close();
            }
            container.shutdown();
        }
    }
}
