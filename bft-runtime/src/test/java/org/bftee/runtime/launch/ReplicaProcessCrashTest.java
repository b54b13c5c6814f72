package org.bftee.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bftee.runtime.cli.BftCommand;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The crash drill on operating-system processes (docs/durability.md): four {@code bft replica}
 * processes of a {@code durability = synced} group, each on its own state directory, under bank load
 * from one client session. For a bounded time a random replica is killed with {@code kill -9} and
 * started again, never more than f = 1 down at a time; then every replica is killed at once, in the
 * middle of the load, and all are started again. The bank's invariant must hold, every deposit the
 * client saw acknowledged must be there (and none executed twice), and the group must take new work.
 *
 * <p>{@code -Dcrash.seconds=N} runs the kill phase longer (default 20 s, at least four kills);
 * {@code -Dcrash.seed=S} repeats a run's choice of victims and pauses (the timing of the processes
 * differs from run to run); {@code -Dcrash.durability=memory} runs the drill against the mode that is
 * not meant to pass it, to see it fail. The replicas' logs stay in {@code target/replica-process-crash}.
 */
class ReplicaProcessCrashTest {

    private static final int F = 1;
    private static final int N = 3 * F + 1;
    private static final int CLIENT = 1000;
    /** The kill phase lasts its time and has at least this many kills, however slowly the JVMs start. */
    private static final int KILLS_MIN = 4;
    /** Calls the group must acknowledge after the full crash before the load stops. */
    private static final int PROGRESS_AFTER_RESTART = 20;
    /** How long the restarted group may take to acknowledge them: view changes under a loaded machine. */
    private static final long RESUME_SECONDS_MAX = 120;

    private final Path directory = Path.of("target", "replica-process-crash").toAbsolutePath();
    private ReplicaProcesses replicas;
    private BftClient client;

    @AfterEach
    void stopEverything() {
        if (client != null) {
            client.close();
        }
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    void killedReplicaProcessesAndACrashOfTheWholeGroupLoseNoAcknowledgedOperation() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Duration killPhase = Duration.ofSeconds(Long.getLong("crash.seconds", 20));
        Random random = new Random(seed);
        Path groupFile = writeGroup();
        GroupConfig group = GroupConfigFile.load(groupFile);
        replicas = new ReplicaProcesses(groupFile, directory, N);
        replicas.start(IntStream.range(0, N).boxed().toList());
        client = BftClient.connect(group, CLIENT,
                KeyFiles.readPrivate(directory.resolve("client-" + CLIENT + ".key"), Principal.client(CLIENT)),
                BftClientOptions.defaults().withLanes(8).withCallTimeout(Duration.ofSeconds(10)), null);
        BankLoad load = new BankLoad(client, 8, 1_000, 2, 2);
        load.setUp();

        load.start(seed);
        List<String> kills = new ArrayList<>();
        long end = System.nanoTime() + killPhase.toNanos();
        while (System.nanoTime() < end || kills.size() < KILLS_MIN) {
            TimeUnit.MILLISECONDS.sleep(1_000 + random.nextInt(2_000));
            int victim = random.nextInt(N);
            long acknowledged = load.acknowledged();
            replicas.kill(victim);
            kills.add(victim + "@" + acknowledged);
            TimeUnit.MILLISECONDS.sleep(500 + random.nextInt(2_000));
            replicas.start(victim);
        }
        long acknowledgedBeforeCrash = load.acknowledged();
        // The whole group at once, while the client's calls are in flight.
        replicas.kill(IntStream.range(0, N).boxed().toList());
        TimeUnit.MILLISECONDS.sleep(500);
        replicas.start(IntStream.range(0, N).boxed().toList());
        // Load after the restart: the calls in flight at the crash are retransmitted to the restarted
        // replicas, and new ones must be answered too.
        long acknowledgedAtRestart = load.acknowledged();
        long restarted = System.nanoTime();
        awaitAcknowledged(load, acknowledgedAtRestart + 1);
        long resumedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
        awaitAcknowledged(load, acknowledgedAtRestart + PROGRESS_AFTER_RESTART);
        load.stop();
        long acknowledgedAfterRestart = load.acknowledged() - acknowledgedAtRestart;

        BankLoad.Audit audit = load.audit(client);
        String summary = "crash drill (seed " + seed + "): " + kills.size() + " kill -9 of one replica " + kills
                + " and 1 of all " + N + "; acknowledged " + load.acknowledged() + " (" + load.transfersAnswered()
                + " transfers, " + load.depositsAcknowledged() + " deposits; " + acknowledgedBeforeCrash
                + " before the full crash, " + acknowledgedAfterRestart + " after the restart, the first "
                + resumedMillis + " ms after every replica ran again), unknown outcome "
                + (load.transfersUnknown() + load.depositsUnknown()) + "; after the restart: " + audit.depositsFound()
                + " deposits found for " + load.depositsAcknowledged() + " acknowledged, transfer accounts hold "
                + audit.transferSum() + " of " + load.transferTotal();
        System.out.println(summary);
        assertEquals(List.of(), load.failures(), summary);
        assertEquals(List.of(), audit.broken(), summary + logTails());
        assertTrue(acknowledgedBeforeCrash > kills.size(), "the group served while replicas were killed: " + summary);
        assertTrue(acknowledgedAfterRestart >= PROGRESS_AFTER_RESTART, "the group took new work after the full crash: "
                + summary + logTails());
    }

    /** Waits until the load has {@code count} calls acknowledged, or the bound passes (the assertions then say). */
    private static void awaitAcknowledged(BankLoad load, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESUME_SECONDS_MAX);
        while (load.acknowledged() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Keys and the group file, by the command line as an operator makes them, then set for the drill. */
    private Path writeGroup() throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
        List<String> principals = new ArrayList<>();
        IntStream.range(0, N).forEach(id -> principals.add("replica-" + id));
        principals.add("client-" + CLIENT);
        for (String principal : principals) {
            bft("keygen", "--principal", principal, "--out-dir", directory.toString());
        }
        Path groupFile = directory.resolve("group.conf");
        List<String> group = new ArrayList<>(List.of("group", "--group-id", "1", "--f", String.valueOf(F),
                "--keys-dir", directory.toString(), "--client", String.valueOf(CLIENT), "--out", groupFile.toString()));
        int[] ports = LocalPrincipals.freePorts(N);
        for (int id = 0; id < N; id++) {
            group.add("--replica");
            group.add(id + "=127.0.0.1:" + ports[id]);
        }
        bft(group.toArray(String[]::new));
        // Synced votes; a short view-change timeout so that a killed primary is replaced quickly; a
        // small window so that the group runs past a restarted replica's log and it fetches state.
        String text = Files.readString(groupFile)
                .replaceFirst("(?m)^durability = .*$", "durability = " + System.getProperty("crash.durability", "synced"))
                .replaceFirst("(?m)^timeouts.view-change = .*$", "timeouts.view-change = 1000ms")
                .replaceFirst("(?m)^limits.checkpoint-interval = .*$", "limits.checkpoint-interval = 16")
                .replaceFirst("(?m)^limits.log-window = .*$", "limits.log-window = 64");
        Files.writeString(groupFile, text);
        return groupFile;
    }

    private static void bft(String... arguments) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        int status = BftCommand.run(List.of(arguments), print, print);
        assertEquals(0, status, "bft " + String.join(" ", arguments) + ": " + output);
    }

    private String logTails() {
        StringBuilder tails = new StringBuilder();
        for (int id = 0; id < N; id++) {
            tails.append("\n--- the end of ").append(replicas.log(id)).append(":\n").append(replicas.logTail(id, 15));
        }
        return tails.toString();
    }
}
