package org.bftee.replica;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.runtime.config.ConfigException;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.config.ServiceChoice;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;

/**
 * Who this replica is and which group it belongs to, as the server configuration says.
 *
 * <p>The values come from system properties of the application server, which
 * {@code wildfly-config/src/main/cli/configure-replica.cli} sets, and from WildFly's own
 * {@code jboss.server.data.dir}.
 *
 * @param replicaId this replica's index in the group, from 0 to {@code n - 1}
 * @param groupFile the replica group file: addresses and public keys of all replicas
 * @param group the group as the group file describes it
 * @param keyFile this replica's private key file (owner-only permissions)
 * @param keys this replica's private keys, whose public half matches its entry in the group file
 * @param service the shipped service this replica runs
 * @param stateDirectory where this replica keeps its state: {@value #STATE_DIRECTORY_NAME} in the
 *        server's data directory
 */
public record ReplicaSettings(int replicaId, Path groupFile, GroupConfig group, Path keyFile, PrincipalKeys keys,
                              ServiceChoice service, Path stateDirectory) {

    /** System property holding {@link #replicaId()}. */
    public static final String REPLICA_ID_PROPERTY = "bft.replica.id";
    /** System property holding {@link #groupFile()}. */
    public static final String GROUP_FILE_PROPERTY = "bft.group.file";
    /** System property holding {@link #keyFile()}. */
    public static final String KEY_FILE_PROPERTY = "bft.replica.key.file";
    /**
     * System property naming {@link #service()}: {@code shipped} (the key-value store and the bank
     * ledger together, the default when it is not set), {@code kv} or {@code bank}.
     */
    public static final String SERVICE_PROPERTY = "bft.replica.service";
    /** The server's data directory, which WildFly sets. */
    public static final String DATA_DIRECTORY_PROPERTY = "jboss.server.data.dir";
    /** The name of {@link #stateDirectory()} inside the server's data directory. */
    public static final String STATE_DIRECTORY_NAME = "bft-replica";

    private static final String HOW_TO_SET = " (wildfly-config/src/main/cli/configure-replica.cli sets it)";

    public ReplicaSettings {
        Objects.requireNonNull(groupFile, "groupFile");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        if (replicaId < 0 || replicaId >= group.n()) {
            throw new IllegalArgumentException("replicaId must be from 0 to " + (group.n() - 1) + ", but is "
                    + replicaId);
        }
    }

    /**
     * Reads and checks the settings: the group file must be a valid group configuration, the
     * replica id one of its replicas, and the key file this replica's, with public keys matching
     * the group file's entry (a replica started with another replica's keys stops at once), the
     * service one of the shipped ones, and the server's data directory set.
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
        Path keyFile = existingFile(KEY_FILE_PROPERTY, properties.apply(KEY_FILE_PROPERTY),
                "the path of this replica's private key file (bft keygen writes it)");
        PrincipalKeys keys = keys(keyFile, replicaId);
        if (!keys.publicIdentity().equals(group.replica(replicaId).identity())) {
            throw new ReplicaConfigurationException("system property " + KEY_FILE_PROPERTY + " names "
                    + keyFile.toAbsolutePath() + ", whose keys do not match replica " + replicaId
                    + "'s public keys in " + groupFile.toAbsolutePath()
                    + ": the group file was assembled from other keys");
        }
        ServiceChoice service = service(properties.apply(SERVICE_PROPERTY));
        Path stateDirectory = stateDirectory(properties.apply(DATA_DIRECTORY_PROPERTY));
        return new ReplicaSettings(replicaId, groupFile, group, keyFile, keys, service, stateDirectory);
    }

    private static ServiceChoice service(String value) {
        if (value == null || value.isBlank()) {
            return ServiceChoice.DEFAULT;
        }
        try {
            return ServiceChoice.named(value.strip());
        } catch (IllegalArgumentException unknown) {
            throw new ReplicaConfigurationException("system property " + SERVICE_PROPERTY + ": "
                    + unknown.getMessage() + " (the same on every replica of the group)");
        }
    }

    private static Path stateDirectory(String dataDirectory) {
        if (dataDirectory == null || dataDirectory.isBlank()) {
            throw new ReplicaConfigurationException("system property " + DATA_DIRECTORY_PROPERTY
                    + " is not set: the replica keeps its state in the server's data directory, which WildFly"
                    + " names in that property");
        }
        try {
            return Path.of(dataDirectory.strip()).resolve(STATE_DIRECTORY_NAME);
        } catch (InvalidPathException invalid) {
            throw new ReplicaConfigurationException("system property " + DATA_DIRECTORY_PROPERTY
                    + " is not a valid path: '" + dataDirectory + "'");
        }
    }

    private static PrincipalKeys keys(Path keyFile, int replicaId) {
        try {
            return KeyFiles.readPrivate(keyFile, Principal.replica(replicaId));
        } catch (ConfigException invalid) {
            throw new ReplicaConfigurationException("system property " + KEY_FILE_PROPERTY
                    + " names a key file that cannot be used: " + invalid.getMessage(), invalid);
        }
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
        return existingFile(GROUP_FILE_PROPERTY, value, "the path of the replica group file");
    }

    private static Path existingFile(String property, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new ReplicaConfigurationException("system property " + property
                    + " is not set: set it to " + what + HOW_TO_SET);
        }
        Path path;
        try {
            path = Path.of(value.strip());
        } catch (InvalidPathException invalid) {
            throw new ReplicaConfigurationException("system property " + property
                    + " is not a valid path: '" + value + "'");
        }
        if (!Files.isRegularFile(path)) {
            throw new ReplicaConfigurationException("system property " + property
                    + " names " + path.toAbsolutePath() + ", which is not an existing regular file");
        }
        if (!Files.isReadable(path)) {
            throw new ReplicaConfigurationException("system property " + property
                    + " names " + path.toAbsolutePath() + ", which this server cannot read");
        }
        return path;
    }
}
