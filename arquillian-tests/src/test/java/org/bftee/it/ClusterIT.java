package org.bftee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bftee.it.support.ClusterLauncher;
import org.bftee.it.support.SampleApi;
import org.bftee.it.support.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The product as users run it: four replica servers and an application server brought up by
 * {@code bft-cluster}, the sample application called over HTTP, replica servers killed with
 * {@code kill -9} under load. The cluster is stopped after the last test, whatever happened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    // Arquillian's servers use offsets 100 to 500 and protocol ports from 7100.
    /**
     * Ports of the test's own. Each replica recovers proactively every 20 s (a recovery starts every
     * 5 s somewhere in the group), so recoveries run under the load of the tests below.
     */
    private static final ClusterLauncher CLUSTER = new ClusterLauncher(
            TestEnvironment.serversDir().resolve("cluster"), 2000, 7400,
            Map.of("BFT_CLUSTER_RECOVERY_PERIOD", "20s", "BFT_CLUSTER_RECOVERY_BOUND", "5s"));
    private static final SampleApi API = new SampleApi(CLUSTER.sampleApi());
    private static final int PRIMARY_OF_VIEW_0 = 0;
    /** Keys whose write the second test saw acknowledged, for the reads of the third. */
    private static final List<Integer> ACKNOWLEDGED = new ArrayList<>();

    /** A failed {@code up} stops what it started itself; {@link #down()} runs after it all the same. */
    @BeforeAll
    static void up() throws Exception {
        CLUSTER.up();
    }

    @AfterAll
    static void down() throws Exception {
        CLUSTER.down();
    }

    @Test
    @Order(1)
    void theSampleApplicationAnswersThroughFourReplicaServers() throws Exception {
        assertEquals(204, API.putText("/kv/greeting", "hello").status());
        SampleApi.Answer read = API.get("/kv/greeting");

        assertEquals(200, read.status(), read.body());
        assertEquals("hello", read.body());
        assertEquals(404, API.get("/kv/nothing-here").status());
    }

    @Test
    @Order(2)
    void aBeanTimesKeyValueCallsThroughTheConnectionFactory() throws Exception {
        SampleApi.Answer measured = API.post("/workload/kv/latency?calls=50&warmup=10&valueBytes=32");

        assertEquals(200, measured.status(), measured.body());
        assertEquals(50, measured.number("calls"), measured.body());
        assertTrue(measured.number("putMedianMicros") > 0, measured.body());
        assertTrue(measured.number("getMedianMicros") > 0, measured.body());
        assertTrue(measured.number("putP99Micros") >= measured.number("putMedianMicros"), measured.body());
    }

    @Test
    @Order(3)
    void killingThePrimaryServerUnderLoadLosesNoAcknowledgedOperation() throws Exception {
        long expected = API.post("/workload/bank/setup?first=1000&count=10&initial=500").number("expectedTotal");
        // Read before the load starts: reading every replica's MXBean takes a while.
        long recoveriesBefore = recoveriesCompleted(CLUSTER.status());
        CompletableFuture<SampleApi.Answer> transfers = CompletableFuture.supplyAsync(() -> call(
                () -> API.post("/workload/bank/run?first=1000&count=10&threads=4&seconds=20")));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Integer> acknowledged = new ArrayList<>();
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            for (int i = 0; writing.get(); i++) {
                int key = i;
                if (call(() -> API.putText("/kv/acknowledged-" + key, "value-" + key)).status() == 204) {
                    acknowledged.add(key);
                }
            }
        });

        TimeUnit.SECONDS.sleep(6);
        CLUSTER.kill(PRIMARY_OF_VIEW_0);
        SampleApi.Answer run = transfers.get(5, TimeUnit.MINUTES);
        writing.set(false);
        writes.get(5, TimeUnit.MINUTES);

        assertEquals(200, run.status(), run.body());
        assertEquals(0, run.number("failures"), "every transfer got an answer: " + run.body());
        String status = CLUSTER.status();
        assertTrue(recoveriesCompleted(status) > recoveriesBefore,
                "proactive recoveries ran during the workload and finished:\n" + status);
        assertTrue(run.number("operations") > 0, run.body());
        SampleApi.Answer audit = API.get("/workload/bank/audit?first=1000&count=10&expected=" + expected);
        assertTrue(audit.body().contains("\"holds\":true"), "the bank's invariant: " + audit.body());
        assertTrue(acknowledged.size() > 0, "some writes were acknowledged");
        for (int key : acknowledged) {
            SampleApi.Answer read = API.get("/kv/acknowledged-" + key);
            assertEquals("value-" + key, read.body(), "acknowledged write " + key + " of " + acknowledged.size());
        }
        ACKNOWLEDGED.addAll(acknowledged);
    }

    /**
     * The restarted server's replica starts with nothing in memory; the group ran thousands of
     * batches without it, far past its window, so it must fetch the state by state transfer. Then
     * another replica server is killed: every quorum now needs the restarted one, and a read needs
     * its answer to match the others', so the reads below prove it holds the group's state.
     */
    @Test
    @Order(4)
    void aKilledReplicaServerStartsAgainFetchesTheStateAndServes() throws Exception {
        CLUSTER.restart(PRIMARY_OF_VIEW_0);
        assertEquals(204, API.putText("/kv/after-restart", "still-here").status());

        awaitStateFetched(PRIMARY_OF_VIEW_0, 90,
                () -> assertEquals(204, API.putText("/kv/after-restart", "still-here").status()));

        CLUSTER.kill(3);
        assertEquals(204, API.putText("/kv/with-two-down", "needs-the-restarted-one").status());
        assertEquals("needs-the-restarted-one", API.get("/kv/with-two-down").body());
        assertEquals("still-here", API.get("/kv/after-restart").body());
        for (int key : ACKNOWLEDGED.subList(0, Math.min(20, ACKNOWLEDGED.size()))) {
            assertEquals("value-" + key, API.get("/kv/acknowledged-" + key).body(), "a write from before the restart");
        }
    }

    /**
     * A replica server killed with its data directory damaged (every checkpoint file has a byte
     * flipped) restarts, finds the damage, throws the stored state away and fetches the group's. One
     * replica server is down already, so the group answers again only once this one has the state.
     * (With one server dead and this one's log lost, the group holds more than f crash faults; it is
     * idle when the server is killed, so nothing it voted on is in flight.)
     */
    @Test
    @Order(5)
    void aReplicaWhoseDataDirectoryWasDamagedRepairsItFromTheGroup() throws Exception {
        int victim = 2;
        CLUSTER.kill(victim);
        Path state = CLUSTER.serverDirectory("replica-" + victim).resolve("data").resolve("bft-replica");
        List<Path> damaged = new ArrayList<>();
        try (var files = Files.list(state)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".ckpt")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                bytes[bytes.length / 2] ^= 0x40;
                Files.write(file, bytes);
                damaged.add(file);
            }
        }
        assertTrue(!damaged.isEmpty(), "the replica wrote checkpoint files in " + state);

        CLUSTER.restart(victim);
        awaitStateFetched(victim, 120, () -> { });
        assertEquals(204, API.putText("/kv/after-repair", "repaired").status());
        assertEquals("repaired", API.get("/kv/after-repair").body());
        String log = Files.readString(CLUSTER.serverDirectory("replica-" + victim).resolve("log").resolve("server.log"));
        assertTrue(log.contains("damaged") || log.contains("corrupt") || log.contains("unusable"),
                "the replica's log says what it found");
    }

    /**
     * Waits until replica {@code replica}'s MXBean shows a checkpoint fetched and no fetch under way,
     * running {@code eachRound} between two looks at the status.
     */
    private static void awaitStateFetched(int replica, long seconds, Action eachRound) throws Exception {
        String server = "replica-" + replica;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String status = CLUSTER.status();
        while (attribute(status, server, "CheckpointsFetched") < 1 || attribute(status, server, "FetchingState") != 0) {
            assertTrue(System.nanoTime() < deadline, "the restarted replica did not fetch the state:\n" + status);
            TimeUnit.SECONDS.sleep(2);
            eachRound.run();
            status = CLUSTER.status();
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** The proactive recoveries replica servers 1 to 3 finished (replica 0's is killed meanwhile). */
    private static long recoveriesCompleted(String status) {
        long sum = 0;
        for (int replica = 1; replica < 4; replica++) {
            sum += Math.max(0, attribute(status, "replica-" + replica, "RecoveriesCompleted"));
        }
        return sum;
    }

    /**
     * The value of {@code name} in the MXBean line printed under {@code server} by
     * {@code bft-cluster status}: a number, 1 for true and 0 for false, or -1 if absent.
     */
    private static long attribute(String status, String server, String name) {
        boolean under = false;
        for (String line : status.split("\n")) {
            if (!line.startsWith(" ")) {
                under = line.startsWith(server + " ");
                continue;
            }
            if (!under) {
                continue;
            }
            for (String pair : line.trim().split("\\s+")) {
                if (pair.startsWith(name + "=")) {
                    String value = pair.substring(name.length() + 1);
                    return switch (value) {
                        case "true" -> 1;
                        case "false" -> 0;
                        default -> Long.parseLong(value);
                    };
                }
            }
        }
        return -1;
    }

    private interface Call {
        SampleApi.Answer run() throws Exception;
    }

    private static SampleApi.Answer call(Call call) {
        try {
            return call.run();
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }
}
