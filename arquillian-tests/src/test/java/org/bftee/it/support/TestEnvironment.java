package org.bftee.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the integration tests find the provisioned WildFly, the built artifacts and the CLI scripts.
 * maven-failsafe-plugin passes each as a system property (see this module's {@code pom.xml}).
 */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    /** The provisioned WildFly, never modified by the tests. */
    public static Path wildflyHome() {
        return existingDirectory("wildfly.home");
    }

    /** Where maven-dependency-plugin copied the built RAR, EAR and WAR. */
    public static Path artifactsDir() {
        return existingDirectory("bft.artifacts.dir");
    }

    /** The parent of every test server's {@code jboss.server.base.dir}. */
    public static Path serversDir() {
        return Path.of(required("bft.servers.dir"));
    }

    /** {@code wildfly-config/src/main/cli}: the CLI scripts operators use. */
    public static Path cliDir() {
        return existingDirectory("bft.cli.dir");
    }

    /** The repository's root: where {@code bin/} and {@code wildfly-config/bin/} are. */
    public static Path repositoryRoot() {
        return cliDir().toAbsolutePath().getParent().getParent().getParent().getParent();
    }

    private static Path existingDirectory(String property) {
        Path directory = Path.of(required(property));
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("system property " + property + " names " + directory
                    + ", which is not a directory; build the whole project first (./mvnw install)");
        }
        return directory;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the integration"
                    + " tests through Maven (./mvnw -pl arquillian-tests verify), which sets it");
        }
        return value;
    }
}
