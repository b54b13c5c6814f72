package org.bftee.ra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.config.HostPort;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;
import org.bftee.runtime.keys.SecureRandomSource;

/**
 * A group file and a client key file written to a directory, as an operator would deploy them:
 * either of a group made up here (no replica runs; for tests of the files themselves), or of a
 * running {@link org.bftee.runtime.launch.LocalGroup}.
 */
record GroupFixture(Path groupFile, Path clientKeyFile, int clientId, GroupConfig group) {

    /** Writes the files of a group whose replicas do not run (ports on loopback that nobody serves). */
    static GroupFixture withoutReplicas(Path directory, int clientId, ProtocolLimits limits) throws IOException {
        SecureRandomSource random = new SecureRandomSource();
        List<GroupConfig.ReplicaEntry> replicas = new ArrayList<>();
        for (int id = 0; id < 4; id++) {
            replicas.add(new GroupConfig.ReplicaEntry(id, new HostPort("127.0.0.1", 1 + id),
                    PrincipalKeys.generate(random).publicIdentity()));
        }
        PrincipalKeys clientKeys = PrincipalKeys.generate(random);
        GroupConfig group = new GroupConfig(1, 1, replicas,
                List.of(new GroupConfig.ClientEntry(clientId, clientKeys.publicIdentity())), limits,
                ProtocolTimeouts.defaults());
        return write(directory, group, clientId, clientKeys);
    }

    /** Writes {@code group}'s file and the private key file of client {@code clientId}. */
    static GroupFixture write(Path directory, GroupConfig group, int clientId, PrincipalKeys clientKeys)
            throws IOException {
        Path groupFile = directory.resolve("group.conf");
        GroupConfigFile.write(group, groupFile);
        Path keyFile = directory.resolve(KeyFiles.privateFileName(Principal.client(clientId)));
        KeyFiles.writePrivate(keyFile, Principal.client(clientId), clientKeys);
        return new GroupFixture(groupFile, keyFile, clientId, group);
    }

    /** A factory configured with these files, and defaults for everything else. */
    BftManagedConnectionFactory factory() {
        BftManagedConnectionFactory factory = new BftManagedConnectionFactory();
        factory.setGroupFile(groupFile.toString());
        factory.setClientKeyFile(clientKeyFile.toString());
        factory.setClientId(clientId);
        return factory;
    }
}
