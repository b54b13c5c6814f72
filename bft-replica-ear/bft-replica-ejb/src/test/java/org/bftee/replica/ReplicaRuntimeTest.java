package org.bftee.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica runtime as the startup bean runs it, on threads of a host's factory, outside a
 * container: it starts, shows its state through its management bean, and stops every thread it
 * started; an address already in use fails the start naming the address and the group file entry.
 */
class ReplicaRuntimeTest {

    @TempDir
    Path directory;

    private final List<Thread> hostThreads = new CopyOnWriteArrayList<>();
    private final ThreadFactory threads = run -> {
        Thread thread = new Thread(run);
        thread.setDaemon(true);
        hostThreads.add(thread);
        return thread;
    };
    private ReplicaRuntime runtime;

    @AfterEach
    void stopEverything() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theReplicaRunsShowsItsStateAndStopsEveryThreadItStarted() throws Exception {
        ReplicaSettings settings = settings(freePorts());

        runtime = ReplicaRuntime.start(settings, threads);
        ObjectName name = ReplicaManagement.register(runtime);

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        assertEquals(new ObjectName("org.bftee:type=Replica,replica=0"), name);
        assertEquals(0, server.getAttribute(name, "ReplicaId"));
        assertEquals("shipped", server.getAttribute(name, "Service"));
        assertEquals(true, server.getAttribute(name, "Running"));
        assertEquals(0L, server.getAttribute(name, "LastExecuted"));
        assertEquals(0L, server.getAttribute(name, "LastStableCheckpoint"));
        TabularData dropped = (TabularData) server.getAttribute(name, "MessagesDropped");
        assertTrue(dropped.size() > 10, "every drop reason is listed: " + dropped);
        TabularData newKeysRefused = (TabularData) server.getAttribute(name, "NewKeysRefused");
        assertEquals(5, newKeysRefused.size(), "every NEW-KEY refusal reason is listed: " + newKeysRefused);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((Long) server.getAttribute(name, "KeyRefreshes") < 1) {
            assertTrue(System.nanoTime() < deadline, "the replica sends its first NEW-KEY at start");
            Thread.sleep(10);
        }
        assertTrue(Files.isDirectory(settings.stateDirectory()), "the state directory is created");

        ReplicaManagement.unregister(name);
        runtime.close();

        assertFalse(server.isRegistered(name));
        assertEquals(false, runtime.isRunning());
        for (Thread thread : hostThreads) {
            thread.join(10_000);
            assertFalse(thread.isAlive(), thread.getName() + " still runs");
        }
        // One thread runs the replica: its event loop, which also owns the core and its timers.
        assertEquals(List.of("bft-replica-0-1"), hostThreads.stream().map(Thread::getName).toList());
    }

    @Test
    void anAddressInUseFailsTheStartNamingIt() throws Exception {
        int[] ports = freePorts();
        try (ServerSocket taken = new ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
            ReplicaSettings settings = settings(ports);

            ReplicaConfigurationException refused = assertThrows(ReplicaConfigurationException.class,
                    () -> ReplicaRuntime.start(settings, threads));

            assertTrue(refused.getMessage().contains("replica 0 cannot listen on 127.0.0.1:" + ports[0]),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("(replica.0.address)"), refused.getMessage());
        }
        for (Thread thread : hostThreads) {
            thread.join(10_000);
            assertFalse(thread.isAlive(), thread.getName() + " still runs after a failed start");
        }
    }

    @Test
    void aStateDirectoryThatCannotBeCreatedIsNamed() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("data"), "a file where the data directory goes");
        ReplicaSettings settings = settings(freePorts(), notADirectory);

        ReplicaConfigurationException refused = assertThrows(ReplicaConfigurationException.class,
                () -> ReplicaRuntime.start(settings, threads));

        assertTrue(refused.getMessage().contains("state directory " + notADirectory.resolve("bft-replica")),
                refused.getMessage());
    }

    private ReplicaSettings settings(int[] ports) {
        return settings(ports, directory.resolve("data"));
    }

    private ReplicaSettings settings(int[] ports, Path dataDirectory) {
        Path groupFile = GroupFiles.writeGroupOfFour(directory, ports);
        Map<String, String> properties = new HashMap<>();
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "0");
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());
        properties.put(ReplicaSettings.KEY_FILE_PROPERTY, directory.resolve("replica-0.key").toString());
        properties.put(ReplicaSettings.DATA_DIRECTORY_PROPERTY, dataDirectory.toString());
        return ReplicaSettings.fromProperties(properties::get);
    }

    /** Four loopback ports that were free a moment ago. */
    private static int[] freePorts() throws IOException {
        int[] ports = new int[4];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports[i] = socket.getLocalPort();
            }
        }
        return ports;
    }
}
