package org.bftee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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

    /** Ports of the test's own: Arquillian's servers use offsets 100 to 500 and protocol ports from 7100. */
    private static final ClusterLauncher CLUSTER = new ClusterLauncher(
            TestEnvironment.serversDir().resolve("cluster"), 2000, 7400);
    private static final SampleApi API = new SampleApi(CLUSTER.sampleApi());
    private static final int PRIMARY_OF_VIEW_0 = 0;

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
        assertTrue(run.number("operations") > 0, run.body());
        SampleApi.Answer audit = API.get("/workload/bank/audit?first=1000&count=10&expected=" + expected);
        assertTrue(audit.body().contains("\"holds\":true"), "the bank's invariant: " + audit.body());
        assertTrue(acknowledged.size() > 0, "some writes were acknowledged");
        for (int key : acknowledged) {
            SampleApi.Answer read = API.get("/kv/acknowledged-" + key);
            assertEquals("value-" + key, read.body(), "acknowledged write " + key + " of " + acknowledged.size());
        }
    }

    @Test
    @Order(4)
    void aKilledReplicaServerStartsAgainAndTheGroupGoesOn() throws Exception {
        CLUSTER.restart(PRIMARY_OF_VIEW_0);

        assertEquals(204, API.putText("/kv/after-restart", "still-here").status());
        assertEquals("still-here", API.get("/kv/after-restart").body());
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
