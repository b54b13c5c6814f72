package org.bftee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bftee.it.support.BankRunLoad;
import org.bftee.it.support.ClusterLauncher;
import org.bftee.it.support.KvWriteLoad;
import org.bftee.it.support.SampleApi;
import org.bftee.it.support.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashes under load on a group whose group file says {@code durability = synced}
 * (docs/durability.md): replica servers killed with {@code kill -9} one at a time and started again,
 * then all four killed at once, a crash of the whole group, and started again. Every operation a
 * client saw acknowledged must still be there afterwards: the kv writes read back, the bank's
 * invariant holds, and the group takes new writes.
 *
 * <p>Which replica server dies in each single crash comes from a seeded {@link Random}; the seed is
 * printed, and {@code -Dbft.crash.seed=SEED} runs the same sequence again.
 */
class ClusterCrashIT {

    /**
     * Ports of the test's own: WildFly offsets 3000 (application server) and 3100 to 3400 (replica
     * servers), protocol ports 7500 to 7503. ClusterIT uses offsets 2000 to 2400 and ports 7400 to
     * 7403, Arquillian's servers offsets 100 to 500 and ports from 7100, a demo cluster 1000 to 1400
     * and 7300: with WildFly's bindings (8009, 8080, 8443, 9990, 9993, 3528, 3529, 4712, 4713) plus
     * these offsets no two of them share a port.
     *
     * <p>Each server gets up to 5 minutes to boot, not the launcher's 3: {@code restart all} boots four
     * WildFly servers at once, which took up to 110 s on a 2-core machine shared with other tests.
     */
    private static final ClusterLauncher CLUSTER = new ClusterLauncher(
            TestEnvironment.serversDir().resolve("crash-cluster"), 3000, 7500,
            Map.of("BFT_CLUSTER_DURABILITY", "synced", "BFT_CLUSTER_WAIT_SECONDS", "300"));
    private static final SampleApi API = new SampleApi(CLUSTER.sampleApi());
    private static final int REPLICAS = 4;
    /**
     * Replica servers killed and restarted one after another before the whole group crashes (f = 1 at
     * a time). Each restart boots a WildFly under load, 50 to 110 s on a shared 2-core machine: with two
     * the class took seven to eleven minutes there, most of it booting servers.
     */
    private static final int SINGLE_CRASHES = 2;
    /** Load before the first crash, a killed server's time down, and load between the last restart and the full crash. */
    private static final Duration LOAD_ALONE = Duration.ofSeconds(5);
    private static final String ACCOUNTS = "first=3000&count=10";
    private static final int BANK_THREADS = 3;
    private static final int BANK_RUN_SECONDS = 10;
    /**
     * How long the load may still be calling after the group is back: a call under way at the crash
     * waits for the resource adapter's invoke timeout (30 s) or for the group's answer.
     */
    private static final Duration LOAD_END_BOUND = Duration.ofMinutes(3);
    private static final int READ_THREADS = 4;

    @BeforeAll
    static void up() throws Exception {
        CLUSTER.up();
    }

    @AfterAll
    static void down() throws Exception {
        CLUSTER.down();
    }

    @Test
    void everyAcknowledgedOperationSurvivesReplicaServerCrashesAndACrashOfTheWholeGroup() throws Exception {
        long seed = Long.getLong("bft.crash.seed", System.nanoTime());
        log("seed " + seed + " (-Dbft.crash.seed=" + seed + " repeats the crashes)");
        Random random = new Random(seed);
        long expectedTotal = API.post("/workload/bank/setup?" + ACCOUNTS + "&initial=1000").number("expectedTotal");
        KvWriteLoad writes = new KvWriteLoad(API, "crash");
        BankRunLoad transfers = new BankRunLoad(API, ACCOUNTS, BANK_THREADS, BANK_RUN_SECONDS);
        int ackedBeforeLastStretch;
        int ackedAtFullCrash;
        try (writes; transfers) {
            writes.start();
            transfers.start();
            sleep(LOAD_ALONE);
            for (int crash = 1; crash <= SINGLE_CRASHES; crash++) {
                int victim = random.nextInt(REPLICAS);
                log("crash " + crash + " of " + SINGLE_CRASHES + ": kill -9 of replica server " + victim
                        + " (" + writes.acknowledgedCount() + " kv writes acknowledged so far)");
                CLUSTER.kill(victim);
                sleep(LOAD_ALONE);
                CLUSTER.restart(victim);
                log("replica server " + victim + " restarted");
            }
            ackedBeforeLastStretch = writes.acknowledgedCount();
            sleep(LOAD_ALONE);
            ackedAtFullCrash = writes.acknowledgedCount();
            log("kill -9 of every replica server, the load still running (" + ackedAtFullCrash
                    + " kv writes acknowledged so far)");
            CLUSTER.killAll();
            writes.stop();
            transfers.stop();
            CLUSTER.restartAll();
            log("every replica server restarted; the group answers");
            writes.awaitEnd(LOAD_END_BOUND);
            transfers.awaitEnd(LOAD_END_BOUND);
        }

        SampleApi.Answer audit = API.get("/workload/bank/audit?" + ACCOUNTS + "&expected=" + expectedTotal);
        log("bank audit: " + audit.body());
        List<Integer> acknowledged = writes.acknowledged();
        List<String> lost = lostWrites(writes, acknowledged);
        log("summary: seed " + seed + "; kills " + (SINGLE_CRASHES + 1) + " (" + SINGLE_CRASHES
                + " single, 1 of the whole group); operations acknowledged " + (transfers.transfersAcknowledged()
                + acknowledged.size()) + " (bank transfers " + transfers.transfersAcknowledged() + ", kv writes "
                + acknowledged.size() + "); kv writes found after the restart " + (acknowledged.size() - lost.size())
                + " of " + acknowledged.size() + "; unknown outcomes: kv writes " + writes.unknownByStatus()
                + " (by HTTP status, 0 = no answer), bank transfers without an answer " + transfers.transfersFailed()
                + ", bank runs without an answer " + transfers.runsUnanswered() + " of "
                + (transfers.runsAnswered() + transfers.runsUnanswered()));

        assertEveryReplicaRanSynced();
        assertTrue(ackedAtFullCrash > ackedBeforeLastStretch,
                "the group acknowledged writes in the last seconds before it crashed, so the crash hit a working group");
        assertTrue(transfers.transfersAcknowledged() > 0, "the bank workload made transfers");
        assertTrue(audit.body().contains("\"holds\":true"), "the bank's invariant after the crashes: " + audit.body());
        assertTrue(lost.isEmpty(), lost.size() + " of " + acknowledged.size() + " acknowledged kv writes are not"
                + " there after the crash of the whole group, the first: " + lost.subList(0, Math.min(10, lost.size())));
        assertEquals(204, API.putText("/kv/crash-after-restart", "written-after-the-crash").status());
        assertEquals("written-after-the-crash", API.get("/kv/crash-after-restart").body());
    }

    /** The group file's setting reached every replica: each says so in its log when it starts. */
    private static void assertEveryReplicaRanSynced() throws Exception {
        for (int replica = 0; replica < REPLICAS; replica++) {
            String log = Files.readString(CLUSTER.serverDirectory("replica-" + replica).resolve("log")
                    .resolve("server.log"));
            assertTrue(log.contains("replica " + replica + ": durability = synced, vote log"),
                    "replica " + replica + " ran with durability = synced");
        }
    }

    /** The acknowledged writes that do not read back their value, each as {@code key: answer}. */
    private static List<String> lostWrites(KvWriteLoad writes, List<Integer> acknowledged) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(READ_THREADS);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int key : acknowledged) {
                reads.add(readers.submit(() -> {
                    SampleApi.Answer read = API.get(writes.path(key));
                    boolean found = read.status() == 200 && KvWriteLoad.valueOf(key).equals(read.body());
                    return found ? null : key + ": " + read.status() + " " + read.body();
                }));
            }
            List<String> lost = new ArrayList<>();
            for (Future<String> read : reads) {
                String missing = read.get(5, TimeUnit.MINUTES);
                if (missing != null) {
                    lost.add(missing);
                }
            }
            return lost;
        } finally {
            readers.shutdownNow();
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }

    private static void log(String line) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " ClusterCrashIT: " + line);
    }
}
