package org.bftee.replica;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * Starts the replica when the EAR is deployed and stops it when the EAR is undeployed.
 *
 * <p>Deployment fails, with a message naming the system property to fix, if the server
 * configuration does not identify the replica (see {@link ReplicaSettings}). The protocol runtime is
 * not started yet: this bean establishes the replica's identity, which the runtime will use.
 *
 * <p>The no-interface view lets other components of the server, and the integration tests, read the
 * identity the replica runs with.
 */
@Singleton
@Startup
public class ReplicaBootstrap {

    private static final System.Logger LOG = System.getLogger(ReplicaBootstrap.class.getName());

    private ReplicaSettings settings;

    @PostConstruct
    void start() {
        settings = ReplicaSettings.fromProperties(System::getProperty);
        LOG.log(Level.INFO, "BFT replica {0} of group {1} (f = {2}, n = {3}) starting with group file {4}"
                        + " and key file {5} ({6})",
                String.valueOf(settings.replicaId()), String.valueOf(settings.group().groupId()),
                String.valueOf(settings.group().f()), String.valueOf(settings.group().n()),
                settings.groupFile().toAbsolutePath(), settings.keyFile().toAbsolutePath(),
                settings.keys().publicIdentity());
    }

    @PreDestroy
    void stop() {
        LOG.log(Level.INFO, "BFT replica {0} stopped", String.valueOf(settings.replicaId()));
    }

    /**
     * @return the identity and group this replica was started with
     */
    @Lock(LockType.READ)
    public ReplicaSettings settings() {
        return settings;
    }

    /**
     * @return this replica's index in the group
     */
    @Lock(LockType.READ)
    public int replicaId() {
        return settings.replicaId();
    }

    /**
     * @return the group file this replica was started with
     */
    @Lock(LockType.READ)
    public Path groupFile() {
        return settings.groupFile();
    }
}
