package org.bftee.runtime.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bftee.runtime.cli.BftCommand;

/**
 * The replicas of a group as operating-system processes, each {@code bft replica --group FILE --id N
 * --state DIR} in a JVM of its own, as an operator runs them. {@link #kill} is a crash ({@code kill -9}:
 * the process gets no chance to flush or close anything); {@link #close} kills every process still
 * running, so a test that fails leaves none behind. Each replica's output is appended to
 * {@code replica-N.log} in the working directory, across its restarts.
 */
final class ReplicaProcesses implements AutoCloseable {

    /** How long a started replica may take to say it runs: a JVM start on a loaded 2-core machine. */
    private static final long START_SECONDS_MAX = 60;
    /** How long a killed process may take to be gone. */
    private static final long EXIT_SECONDS_MAX = 30;

    private final Path groupFile;
    private final Path directory;
    private final Process[] processes;

    /**
     * @param groupFile the group file; replica N's key is {@code replica-N.key} beside it
     * @param directory where the replicas' state directories ({@code state-N}) and logs go
     */
    ReplicaProcesses(Path groupFile, Path directory, int n) {
        this.groupFile = groupFile;
        this.directory = directory;
        this.processes = new Process[n];
    }

    /** Starts replica {@code id} on its state directory and waits until it says it runs. */
    void start(int id) throws IOException, InterruptedException {
        start(List.of(id));
    }

    /** Starts every replica in {@code ids} (their JVMs start side by side), then waits until each runs. */
    void start(List<Integer> ids) throws IOException, InterruptedException {
        long[] logged = new long[processes.length];
        for (int id : ids) {
            if (isRunning(id)) {
                throw new IllegalStateException("replica " + id + " runs already (PID " + processes[id].pid() + ")");
            }
            Path log = log(id);
            logged[id] = Files.exists(log) ? Files.size(log) : 0;
            List<String> command = List.of(javaLauncher(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-cp", testClassPath(), BftCommand.class.getName(), "replica",
                    "--group", groupFile.toString(), "--id", String.valueOf(id),
                    "--state", directory.resolve("state-" + id).toString());
            processes[id] = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        for (int id : ids) {
            awaitRunning(id, log(id), logged[id]);
        }
    }

    /** {@code kill -9} of replica {@code id}: waits until the process is gone. */
    void kill(int id) throws InterruptedException {
        kill(List.of(id));
    }

    /** {@code kill -9} of every replica in {@code ids} at once, then waits until all are gone. */
    void kill(List<Integer> ids) throws InterruptedException {
        for (int id : ids) {
            if (!isRunning(id)) {
                throw new IllegalStateException("replica " + id + " is not running");
            }
        }
        // Process.destroyForcibly is SIGKILL on Linux: all signals go out before the first wait.
        for (int id : ids) {
            processes[id].destroyForcibly();
        }
        for (int id : ids) {
            if (!processes[id].waitFor(EXIT_SECONDS_MAX, TimeUnit.SECONDS)) {
                throw new IllegalStateException("replica " + id + " (PID " + processes[id].pid()
                        + ") still runs " + EXIT_SECONDS_MAX + " s after kill -9");
            }
        }
    }

    boolean isRunning(int id) {
        return processes[id] != null && processes[id].isAlive();
    }

    int runningCount() {
        int running = 0;
        for (int id = 0; id < processes.length; id++) {
            running += isRunning(id) ? 1 : 0;
        }
        return running;
    }

    Path log(int id) {
        return directory.resolve("replica-" + id + ".log");
    }

    /** The end of replica {@code id}'s log, for a failure message. */
    String logTail(int id, int lines) {
        try {
            List<String> all = Files.readAllLines(log(id), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException unreadable) {
            return "(cannot read " + log(id) + ": " + unreadable.getMessage() + ")";
        }
    }

    /** Kills every replica process still running (they are ours: started by this object). */
    @Override
    public void close() {
        for (Process process : processes) {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
        for (Process process : processes) {
            if (process != null) {
                try {
                    process.waitFor(EXIT_SECONDS_MAX, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Waits for the line {@code bft replica} prints once its replica listens. */
    private void awaitRunning(int id, Path log, long from) throws IOException, InterruptedException {
        String expected = "replica " + id + " of group ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS_MAX);
        while (true) {
            byte[] all = Files.readAllBytes(log);
            String added = new String(all, (int) Math.min(from, all.length), all.length - (int) Math.min(from, all.length),
                    StandardCharsets.UTF_8);
            if (added.contains(expected) && added.contains(" running on ")) {
                return;
            }
            if (!processes[id].isAlive()) {
                throw new IllegalStateException("replica " + id + " exited with status " + processes[id].exitValue()
                        + " while starting:\n" + logTail(id, 30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replica " + id + " did not start within " + START_SECONDS_MAX
                        + " s:\n" + logTail(id, 30));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static String javaLauncher() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The classes this test runs with. Surefire starts its JVM on a jar whose manifest names the
     * classpath and says which in {@code surefire.test.class.path}; run otherwise, the JVM's own is it.
     */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
