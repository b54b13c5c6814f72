package org.bftee.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.ContainerController;

/**
 * One WildFly server of the tests: an Arquillian container of {@code arquillian.xml}, with its own
 * {@code jboss.server.base.dir} under {@code target/servers/} and its own port offset.
 *
 * <p>The constants here and the containers in {@code arquillian.xml} describe the same servers and
 * must change together.
 */
public final class WildFlyServer {

    /** Management port of a server without port offset. */
    private static final int MANAGEMENT_PORT_BASE = 9990;
    /** How many replica servers {@code arquillian.xml} declares. */
    private static final int REPLICA_SERVERS = 1;

    /** The application server that runs the resource adapter and the sample application. */
    public static final WildFlyServer CLIENT = new WildFlyServer("client", 100);

    private final String qualifier;
    private final int portOffset;

    private WildFlyServer(String qualifier, int portOffset) {
        this.qualifier = qualifier;
        this.portOffset = portOffset;
    }

    /**
     * @param replicaId the replica's index in the group
     * @return the server that hosts that replica
     */
    public static WildFlyServer replica(int replicaId) {
        if (replicaId < 0 || replicaId >= REPLICA_SERVERS) {
            throw new IllegalArgumentException("arquillian.xml declares replica servers 0 to "
                    + (REPLICA_SERVERS - 1) + ", not " + replicaId);
        }
        return new WildFlyServer("replica-" + replicaId, 200 + 100 * replicaId);
    }

    /** The container qualifier in {@code arquillian.xml}, also used for {@code @TargetsContainer}. */
    public String qualifier() {
        return qualifier;
    }

    /** The address that {@code jboss-cli.sh --controller} connects to. */
    public String controllerUrl() {
        return "remote+http://127.0.0.1:" + (MANAGEMENT_PORT_BASE + portOffset);
    }

    /** This server's {@code jboss.server.base.dir}. */
    public Path baseDir() {
        return TestEnvironment.serversDir().resolve(qualifier);
    }

    /** This server's {@code server.log}. */
    public Path serverLog() {
        return baseDir().resolve("log").resolve("server.log");
    }

    /**
     * Starts the server from a fresh copy of the provisioned server's configuration, so that nothing
     * from an earlier run (configuration, deployments, data) is left.
     */
    public void startFresh(ContainerController controller) {
        prepareBaseDir();
        controller.start(qualifier);
    }

    /** Stops the server if it runs; safe to call from clean-up code whatever happened before. */
    public void stop(ContainerController controller) {
        if (controller.isStarted(qualifier)) {
            controller.stop(qualifier);
        }
    }

    /** @return the server log so far */
    public String readServerLog() throws IOException {
        return Files.readString(serverLog());
    }

    @Override
    public String toString() {
        return qualifier;
    }

    private void prepareBaseDir() {
        Path baseDir = baseDir();
        try {
            deleteRecursively(baseDir);
            Files.createDirectories(baseDir);
            copyRecursively(TestEnvironment.wildflyHome().resolve("standalone").resolve("configuration"),
                    baseDir.resolve("configuration"));
            // The deployment scanner of standalone.xml reports an error if its directory is missing.
            Files.createDirectories(baseDir.resolve("deployments"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the base directory " + baseDir + " of server " + qualifier, e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copyRecursively(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Files.copy(path, target.resolve(source.relativize(path).toString()));
            }
        }
    }
}
