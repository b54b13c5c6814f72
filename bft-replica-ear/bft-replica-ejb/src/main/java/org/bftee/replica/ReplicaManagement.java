package org.bftee.replica;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import org.bftee.runtime.driver.ReplicaStatus;

/**
 * The {@link ReplicaMXBean} of one {@link ReplicaRuntime}, and its registration in the platform
 * MBean server, which WildFly's JMX subsystem serves.
 */
public final class ReplicaManagement extends NotificationBroadcasterSupport implements ReplicaMXBean {

    /** The domain of every BFT-EE MBean. */
    public static final String DOMAIN = "org.bftee";

    /**
     * The type of the notification sent when a proactive recovery took longer than the group's
     * {@code recovery.bound}: the window of vulnerability is wider than configured.
     */
    public static final String SLOW_RECOVERY = "org.bftee.replica.recovery.slow";

    private final ReplicaRuntime runtime;
    private final AtomicLong notifications = new AtomicLong();

    ReplicaManagement(ReplicaRuntime runtime) {
        super(new MBeanNotificationInfo(new String[] {SLOW_RECOVERY}, Notification.class.getName(),
                "a proactive recovery took longer than recovery.bound"));
        this.runtime = runtime;
    }

    /** Sends the {@link #SLOW_RECOVERY} notification for a recovery of {@code durationMillis}. */
    void slowRecovery(long durationMillis) {
        Notification notification = new Notification(SLOW_RECOVERY, objectName(runtime.settings().replicaId()),
                notifications.incrementAndGet(), System.currentTimeMillis(), "replica " + runtime.settings().replicaId()
                + " took " + durationMillis + " ms to recover, more than recovery.bound ("
                + runtime.settings().group().recovery().bound().toMillis() + " ms)");
        notification.setUserData(durationMillis);
        sendNotification(notification);
    }

    /** {@code org.bftee:type=Replica,replica=N}. */
    public static ObjectName objectName(int replicaId) {
        try {
            return new ObjectName(DOMAIN + ":type=Replica,replica=" + replicaId);
        } catch (MalformedObjectNameException impossible) {
            throw new IllegalStateException("the replica's object name is malformed", impossible);
        }
    }

    /**
     * Registers the bean for {@code runtime}.
     *
     * @throws ReplicaConfigurationException if another replica of the same id is registered in this
     *         server (two replica EARs, or one that did not stop)
     */
    static ObjectName register(ReplicaRuntime runtime) {
        ObjectName name = objectName(runtime.settings().replicaId());
        try {
            ReplicaManagement bean = new ReplicaManagement(runtime);
            server().registerMBean(bean, name);
            runtime.driver().onSlowRecovery(bean::slowRecovery);
            return name;
        } catch (JMException failed) {
            throw new ReplicaConfigurationException("cannot register the replica's management bean " + name
                    + ": " + failed + ". Is another replica EAR with the same bft.replica.id deployed on this"
                    + " server?", failed);
        }
    }

    /** Unregisters {@code name}; does nothing if it is not registered. */
    static void unregister(ObjectName name) {
        try {
            server().unregisterMBean(name);
        } catch (InstanceNotFoundException alreadyGone) {
            // Nothing to undo.
        } catch (JMException failed) {
            throw new IllegalStateException("cannot unregister " + name, failed);
        }
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    private ReplicaStatus status() {
        return runtime.driver().status();
    }

    @Override
    public int getReplicaId() {
        return runtime.settings().replicaId();
    }

    @Override
    public int getGroupId() {
        return runtime.settings().group().groupId();
    }

    @Override
    public int getF() {
        return runtime.settings().group().f();
    }

    @Override
    public String getService() {
        return runtime.settings().service().configName();
    }

    @Override
    public String getAddress() {
        return String.valueOf(runtime.driver().address());
    }

    @Override
    public String getGroupFile() {
        return runtime.settings().groupFile().toAbsolutePath().toString();
    }

    @Override
    public String getStateDirectory() {
        return runtime.settings().stateDirectory().toAbsolutePath().toString();
    }

    @Override
    public boolean isRunning() {
        return runtime.isRunning();
    }

    @Override
    public String getFailure() {
        Throwable failure = status().failure();
        return failure == null ? null : failure.toString();
    }

    @Override
    public long getView() {
        return status().view();
    }

    @Override
    public boolean isViewActive() {
        return status().viewActive();
    }

    @Override
    public long getLastExecuted() {
        return status().lastExecuted();
    }

    @Override
    public long getLastCommitted() {
        return status().lastCommitted();
    }

    @Override
    public long getLastStableCheckpoint() {
        return status().lowWaterMark();
    }

    @Override
    public long getRequestsExecuted() {
        return status().requestsExecuted();
    }

    @Override
    public boolean isRecovering() {
        return status().recovery().recovering();
    }

    @Override
    public long getRecoveriesCompleted() {
        return status().recovery().completed();
    }

    @Override
    public long getLastRecoveryMillis() {
        return status().recovery().lastMillis();
    }

    @Override
    public long getLongestRecoveryMillis() {
        return status().recovery().longestMillis();
    }

    @Override
    public long getStateCorruptionsFound() {
        return status().recovery().corruptionsFound();
    }

    @Override
    public long getRecoveryPeriodMillis() {
        return runtime.settings().group().recovery().period().toMillis();
    }

    @Override
    public long getWindowOfVulnerabilityMillis() {
        var group = runtime.settings().group();
        long longest = Math.max(status().recovery().longestMillis(), group.recovery().bound().toMillis());
        return 2 * group.timeouts().keyRefresh().toMillis() + group.recovery().period().toMillis() + longest;
    }

    @Override
    public boolean isFetchingState() {
        return status().fetchingState();
    }

    @Override
    public long getCheckpointsFetched() {
        return status().checkpointsFetched();
    }

    @Override
    public long getStateBytesFetched() {
        return status().stateBytesFetched();
    }

    @Override
    public long getViewChangesStarted() {
        return status().viewChangesStarted();
    }

    @Override
    public long getEventsDropped() {
        return status().eventsDropped();
    }

    @Override
    public long getKeyRefreshes() {
        return status().sessionKeys().freshKeysSent();
    }

    @Override
    public long getNewKeysAccepted() {
        return status().sessionKeys().newKeysAccepted();
    }

    @Override
    public Map<String, Long> getNewKeysRefused() {
        return byName(status().sessionKeys().newKeysRefused());
    }

    @Override
    public Map<String, Long> getMessagesDropped() {
        return byName(runtime.driver().rejections().messagesDropped());
    }

    @Override
    public Map<String, Long> getFramesUnauthenticated() {
        return byName(runtime.driver().rejections().framesUnauthenticated());
    }

    @Override
    public Map<String, Long> getFramesRejectedByTransport() {
        return byName(runtime.transport().counters().framesRejectedByReason());
    }

    @Override
    public long getWritesDroppedDisconnected() {
        return runtime.transport().counters().writesDroppedDisconnected();
    }

    @Override
    public long getWritesDroppedBufferFull() {
        return runtime.transport().counters().writesDroppedBufferFull();
    }

    private static Map<String, Long> byName(Map<? extends Enum<?>, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((reason, count) -> named.put(reason.name(), count));
        return Collections.unmodifiableMap(named);
    }
}
