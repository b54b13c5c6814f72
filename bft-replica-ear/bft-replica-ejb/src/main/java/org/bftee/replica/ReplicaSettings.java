package org.bftee.replica;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bftee.runtime.config.ConfigException;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;

/**
 * Who this replica is and which group it belongs to, as the server configuration says.
 *
 * <p>Both values come from system properties of the application server, which
 * {@code wildfly-config/src/main/cli/configure-replica.cli} sets.
 *
 * @param replicaId this replica's index in the group, from 0 to {@code n - 1}
 * @param groupFile the replica group file: addresses and public keys of all replicas
 * @param group the group as the group file describes it
 */
public record ReplicaSettings(int replicaId, Path groupFile, GroupConfig group) {

    /** System property holding {@link #replicaId()}. */
    public static final String REPLICA_ID_PROPERTY = "bft.replica.id";
    /** System property holding {@link #groupFile()}. */
    public static final String GROUP_FILE_PROPERTY = "bft.group.file";

    private static final String HOW_TO_SET = " (wildfly-config/src/main/cli/configure-replica.cli sets it)";

    public ReplicaSettings {
        Objects.requireNonNull(groupFile, "groupFile");
        Objects.requireNonNull(group, "group");
        if (replicaId < 0 || replicaId >= group.n()) {
            throw new IllegalArgumentException("replicaId must be from 0 to " + (group.n() - 1) + ", but is "
                    + replicaId);
        }
    }

    /**
     * Reads and checks the settings: the group file must be a valid group configuration, and the
     * replica id one of its replicas.
     *
     * @param properties looks a property up by name, returning {@code null} when it is not set
     * @return the checked settings
     * @throws ReplicaConfigurationException naming the property that is missing or invalid
     */
    public static ReplicaSettings fromProperties(UnaryOperator<String> properties) {
        int replicaId = replicaId(properties.apply(REPLICA_ID_PROPERTY));
        Path groupFile = groupFile(properties.apply(GROUP_FILE_PROPERTY));
        GroupConfig group = group(groupFile);
        if (replicaId >= group.n()) {
            throw new ReplicaConfigurationException("system property " + REPLICA_ID_PROPERTY + " is " + replicaId
                    + ", but the group in " + groupFile.toAbsolutePath() + " has replicas 0 to " + (group.n() - 1));
        }
        return new ReplicaSettings(replicaId, groupFile, group);
    }

    private static GroupConfig group(Path groupFile) {
        try {
            return GroupConfigFile.load(groupFile);
        } catch (ConfigException invalid) {
            throw new ReplicaConfigurationException("system property " + GROUP_FILE_PROPERTY
                    + " names a group file that cannot be used: " + invalid.getMessage(), invalid);
        }
    }

    private static int replicaId(String value) {
        if (value == null || value.isBlank()) {
            throw new ReplicaConfigurationException("system property " + REPLICA_ID_PROPERTY
                    + " is not set: set it to this replica's index in the group, from 0 to n - 1" + HOW_TO_SET);
        }
        int replicaId;
        try {
            replicaId = Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new ReplicaConfigurationException("system property " + REPLICA_ID_PROPERTY
                    + " must be a replica index from 0 to n - 1, but is '" + value + "'");
        }
        if (replicaId < 0) {
            throw new ReplicaConfigurationException("system property " + REPLICA_ID_PROPERTY
                    + " must be a replica index from 0 to n - 1, but is " + replicaId);
        }
        return replicaId;
    }

    private static Path groupFile(String value) {
        if (value == null || value.isBlank()) {
            throw new ReplicaConfigurationException("system property " + GROUP_FILE_PROPERTY
                    + " is not set: set it to the path of the replica group file" + HOW_TO_SET);
        }
        Path path;
        try {
            path = Path.of(value.strip());
        } catch (InvalidPathException invalid) {
            throw new ReplicaConfigurationException("system property " + GROUP_FILE_PROPERTY
                    + " is not a valid path: '" + value + "'");
        }
        if (!Files.isRegularFile(path)) {
            throw new ReplicaConfigurationException("system property " + GROUP_FILE_PROPERTY
                    + " names " + path.toAbsolutePath() + ", which is not an existing regular file");
        }
        if (!Files.isReadable(path)) {
            throw new ReplicaConfigurationException("system property " + GROUP_FILE_PROPERTY
                    + " names " + path.toAbsolutePath() + ", which this server cannot read");
        }
        return path;
    }
}
