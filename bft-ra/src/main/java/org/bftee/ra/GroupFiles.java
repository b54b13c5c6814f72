package org.bftee.ra;

import jakarta.resource.spi.InvalidPropertyException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.runtime.config.ConfigException;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;

/**
 * Reads the files that a {@link BftConnectionConfig} names and checks them against each other, so
 * that a misconfigured connection factory fails at deployment with a message that names the
 * property, the file and what is wrong, rather than at the first invocation.
 */
final class GroupFiles {

    /**
     * Who the factory's client is, and in which group.
     *
     * @param group the group file's content
     * @param clientId the client principal, which the group file lists
     * @param keys its private keys, which match the public keys in the group file
     */
    record ClientIdentity(GroupConfig group, int clientId, PrincipalKeys keys) {
    }

    private GroupFiles() {
    }

    /**
     * @param config a validated configuration
     * @throws InvalidPropertyException naming the property and file at fault
     */
    static ClientIdentity load(BftConnectionConfig config) throws InvalidPropertyException {
        GroupConfig group = loadGroup(config.groupFile());
        int clientId = config.clientId();
        GroupConfig.ClientEntry client = group.client(clientId).orElseThrow(() -> new InvalidPropertyException(
                "clientId " + clientId + " is not a client of the group file " + config.groupFile()
                        + ": add its public keys there (bft group --client " + clientId + ")"));
        int lanesMax = group.limits().lanesPerClientMax();
        if (config.sessionPoolSize() > lanesMax) {
            throw new InvalidPropertyException("sessionPoolSize " + config.sessionPoolSize() + " is above the "
                    + lanesMax + " lanes per client that the group file " + config.groupFile()
                    + " allows (limits.lanes-per-client-max)");
        }
        PrincipalKeys keys = loadKeys(config.clientKeyFile(), clientId);
        if (!keys.publicIdentity().equals(client.identity())) {
            throw new InvalidPropertyException("clientKeyFile " + config.clientKeyFile() + " holds keys of client "
                    + clientId + " that do not match its public keys in the group file " + config.groupFile()
                    + "; the replicas would not authenticate this client");
        }
        return new ClientIdentity(group, clientId, keys);
    }

    private static GroupConfig loadGroup(String file) throws InvalidPropertyException {
        try {
            return GroupConfigFile.load(Path.of(file));
        } catch (ConfigException | InvalidPathException bad) {
            throw invalid("groupFile", file, bad);
        }
    }

    private static PrincipalKeys loadKeys(String file, int clientId) throws InvalidPropertyException {
        try {
            return KeyFiles.readPrivate(Path.of(file), Principal.client(clientId));
        } catch (ConfigException | InvalidPathException bad) {
            throw invalid("clientKeyFile", file, bad);
        }
    }

    private static InvalidPropertyException invalid(String property, String file, Exception cause) {
        // A ConfigException's message starts with the file (and line and key); a bad path has none.
        String reason = cause instanceof ConfigException ? cause.getMessage() : file + ": " + cause.getMessage();
        InvalidPropertyException invalid = new InvalidPropertyException(property + ": " + reason);
        invalid.initCause(cause);
        return invalid;
    }
}
