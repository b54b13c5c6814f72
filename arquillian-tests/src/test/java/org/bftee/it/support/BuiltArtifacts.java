package org.bftee.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives the build made, copied by maven-dependency-plugin under the names operators deploy
 * them with. Tests deploy these, never archives assembled from classes.
 */
public final class BuiltArtifacts {

    private BuiltArtifacts() {
    }

    /** {@code bft-ra.rar}, deployed by {@code configure-bft-ra.cli}. */
    public static Path resourceAdapter() {
        return existing("bft-ra.rar");
    }

    /** {@code bft-replica.ear}, deployed by {@code configure-replica.cli}. */
    public static Path replicaEar() {
        return existing("bft-replica.ear");
    }

    /** {@code bft-sample.war}, imported so that a test class can be added to it. */
    public static WebArchive sampleWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, existing("bft-sample.war").toFile());
    }

    private static Path existing(String fileName) {
        Path file = TestEnvironment.artifactsDir().resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " does not exist: build the project first (./mvnw install)");
        }
        return file;
    }
}
