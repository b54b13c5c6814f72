package org.bftee.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@code wildfly-config/bin/bft-cluster}, the launcher operators use, for tests: a cluster of
 * four replica servers and an application server in a directory and on ports of the test's own, so
 * that it meets neither the Arquillian servers nor a demo cluster. Each command's output goes to
 * {@code NAME-launcher.log} beside the cluster directory; a failed command throws with the end of it.
 */
public final class ClusterLauncher {

    /** The longest one launcher command may take: {@code up} waits for five servers to boot. */
    private static final long COMMAND_MINUTES_MAX = 10;

    private final Path directory;
    private final int portOffset;
    private final int replicaPort;
    private final Map<String, String> environment;

    /**
     * @param portOffset  WildFly port offset of the application server; replica N's server uses this + 100 * (N + 1)
     * @param replicaPort protocol port of replica 0; replica N listens on this + N
     */
    public ClusterLauncher(Path directory, int portOffset, int replicaPort) {
        this(directory, portOffset, replicaPort, Map.of());
    }

    /** @param environment more {@code BFT_CLUSTER_*} settings for the launcher (such as the recovery period) */
    public ClusterLauncher(Path directory, int portOffset, int replicaPort, Map<String, String> environment) {
        this.directory = directory;
        this.portOffset = portOffset;
        this.replicaPort = replicaPort;
        this.environment = Map.copyOf(environment);
    }

    /** The base directory of server {@code name} ({@code replica-N} or {@code app}). */
    public Path serverDirectory(String name) {
        return directory.resolve("servers").resolve(name);
    }

    /** The base URL of the sample application's REST API on the application server. */
    public String sampleApi() {
        return "http://127.0.0.1:" + (8080 + portOffset) + "/bft-sample/api";
    }

    public void up() throws IOException, InterruptedException {
        run("up");
    }

    /** kill -9 of replica {@code id}'s server. */
    public void kill(int id) throws IOException, InterruptedException {
        run("kill", String.valueOf(id));
    }

    public void restart(int id) throws IOException, InterruptedException {
        run("restart", String.valueOf(id));
    }

    /** kill -9 of every running replica server at once: a crash of the whole group. */
    public void killAll() throws IOException, InterruptedException {
        run("kill", "all");
    }

    /** Starts every replica server that is down, together; returns once the group answers a client again. */
    public void restartAll() throws IOException, InterruptedException {
        run("restart", "all");
    }

    /**
     * What {@code bft-cluster status} prints: a line per server and, under each replica server, its
     * MXBean's attributes as {@code Name=value} pairs.
     */
    public String status() throws IOException, InterruptedException {
        Path log = directory.resolveSibling(directory.getFileName() + "-launcher.log");
        long before = Files.exists(log) ? Files.size(log) : 0;
        run("status");
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) before, all.length - (int) before, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Stops every server the launcher started; harmless when none runs. */
    public void down() throws IOException, InterruptedException {
        if (Files.isDirectory(directory)) {
            run("down");
        }
    }

    private void run(String... arguments) throws IOException, InterruptedException {
        // Beside the cluster directory, not in it: the launcher makes that directory itself.
        Path log = directory.resolveSibling(directory.getFileName() + "-launcher.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(TestEnvironment.repositoryRoot().resolve("wildfly-config/bin/bft-cluster").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.of(
                "BFT_CLUSTER_DIR", directory.toString(),
                "BFT_CLUSTER_PORT_OFFSET", String.valueOf(portOffset),
                "BFT_CLUSTER_REPLICA_PORT", String.valueOf(replicaPort),
                "BFT_CLUSTER_REPLICAS", "4"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(COMMAND_MINUTES_MAX, TimeUnit.MINUTES)) {
                throw new IllegalStateException("bft-cluster " + String.join(" ", arguments) + " took more than "
                        + COMMAND_MINUTES_MAX + " minutes; see " + log);
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException("bft-cluster " + String.join(" ", arguments) + " failed with status "
                    + process.exitValue() + "; the end of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
    }
}
