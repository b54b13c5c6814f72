package org.bftee.replica;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Starts the replica when the EAR is deployed and stops it when the EAR is undeployed or the server
 * shuts down.
 *
 * <p>Start: reads {@link ReplicaSettings} from the server's system properties, starts the protocol
 * runtime ({@link ReplicaRuntime}) and registers its {@link ReplicaMXBean}. Deployment fails, with a
 * message naming what to fix, if a setting is missing or wrong or the replica's address cannot be
 * bound; nothing is left running then.
 *
 * <p>Threads come from the container, the Jakarta EE way: the replica core's owner thread, the
 * Netty event loops and the protocol timers' thread (view change, STATUS) are made by the default
 * {@link ManagedThreadFactory}, so they run with the application's class loader and naming context
 * and the container knows them. The protocol timers do not run on the container's managed scheduled
 * executor, which drops tasks while the server is suspended ({@link ReplicaRuntime} says why that
 * breaks the driver); the timer thread only queues expiries on the owner thread, so the core still
 * has one owner. Key refresh and proactive recovery are driver timers too, queued on the same owner
 * thread, for the same reason.
 *
 * <p>The no-interface view lets other components of the server, and the integration tests, read the
 * identity the replica runs with.
 */
@Singleton
@Startup
public class ReplicaBootstrap {

    private static final System.Logger LOG = System.getLogger(ReplicaBootstrap.class.getName());

    @Resource
    private ManagedThreadFactory threads;

    private ReplicaSettings settings;
    private ReplicaRuntime runtime;
    private ObjectName managementName;

    @PostConstruct
    void start() {
        settings = ReplicaSettings.fromProperties(System::getProperty);
        LOG.log(Level.INFO, "BFT replica {0} of group {1} (f = {2}, n = {3}) starting with group file {4},"
                        + " key file {5} ({6}), service {7}, state directory {8}",
                String.valueOf(settings.replicaId()), String.valueOf(settings.group().groupId()),
                String.valueOf(settings.group().f()), String.valueOf(settings.group().n()),
                settings.groupFile().toAbsolutePath(), settings.keyFile().toAbsolutePath(),
                settings.keys().publicIdentity(), settings.service().configName(),
                settings.stateDirectory().toAbsolutePath());
        runtime = ReplicaRuntime.start(settings, threads);
        try {
            managementName = ReplicaManagement.register(runtime);
        } catch (RuntimeException failed) {
            runtime.close();
            throw failed;
        }
        LOG.log(Level.INFO, "BFT replica {0} running on {1}; management bean {2}",
                String.valueOf(settings.replicaId()), runtime.driver().address(), managementName);
    }

    @PreDestroy
    void stop() {
        LOG.log(Level.INFO, "BFT replica {0} stopping (undeploy or server shutdown)",
                String.valueOf(settings.replicaId()));
        try {
            ReplicaManagement.unregister(managementName);
        } finally {
            runtime.close();
        }
        LOG.log(Level.INFO, "BFT replica {0} stopped: owner thread, timers and connections closed,"
                + " management bean {1} unregistered", String.valueOf(settings.replicaId()), managementName);
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

    /**
     * @return the name the replica's {@link ReplicaMXBean} is registered under
     */
    @Lock(LockType.READ)
    public ObjectName managementName() {
        return managementName;
    }
}
