package org.bftee.replica;

import java.util.Map;

/**
 * The replica's operational state for management tools (JConsole, VisualVM, any JMX client),
 * registered while the replica runs under {@code org.bftee:type=Replica,replica=N}
 * ({@link ReplicaManagement#objectName(int)}). Values are as of the owner thread's last batch of
 * events. Read-only: nothing here changes the replica.
 */
public interface ReplicaMXBean {

    int getReplicaId();

    int getGroupId();

    /** Faults tolerated; the group has {@code 3f + 1} replicas. */
    int getF();

    /** The shipped service this replica runs: {@code kv} or {@code bank}. */
    String getService();

    /** The address the replica listens on. */
    String getAddress();

    String getGroupFile();

    String getStateDirectory();

    /** False once the owner thread stopped, after a bug in the core ({@link #getFailure()}) or at undeploy. */
    boolean isRunning();

    /** The bug that stopped the owner thread, or null. */
    String getFailure();

    long getView();

    /** False while the replica is changing view. */
    boolean isViewActive();

    long getLastExecuted();

    long getLastCommitted();

    /** The sequence number of the last stable checkpoint: the low water mark. */
    long getLastStableCheckpoint();

    long getRequestsExecuted();

    /** Whether a proactive recovery runs now. */
    boolean isRecovering();

    /** Proactive recoveries finished since the replica started. */
    long getRecoveriesCompleted();

    /** How long the last finished recovery took, or -1. */
    long getLastRecoveryMillis();

    /** The longest recovery since the replica started, or -1; above recovery.bound it raised the slow-recovery notification. */
    long getLongestRecoveryMillis();

    /** Checkpoints at which this replica's state was found not to be the group's, and repaired. */
    long getStateCorruptionsFound();

    /** The group's recovery.period: each replica recovers once per period (0: off). */
    long getRecoveryPeriodMillis();

    /**
     * The window of vulnerability {@code Tv = 2 Tk + Tr} (PROTOCOL.md): twice the key refresh period
     * plus the recovery period and the longest recovery seen (at least recovery.bound). The service is
     * safe while fewer than f + 1 replicas fail within any window this long.
     */
    long getWindowOfVulnerabilityMillis();

    /** Whether state transfer is bringing a checkpoint this replica lacks (it executes nothing meanwhile). */
    boolean isFetchingState();

    /** Checkpoints this replica installed by state transfer: after a restart, or after falling behind. */
    long getCheckpointsFetched();

    /** Bytes of objects and partition summaries state transfer accepted, each checked against the group's digest. */
    long getStateBytesFetched();

    /** VIEW-CHANGE messages this replica sent. */
    long getViewChangesStarted();

    /** Events refused because the owner thread's queue was full (retransmission recovers them). */
    long getEventsDropped();

    /**
     * NEW-KEY messages this replica sent with freshly drawn session keys: one at start, then one
     * every {@code timeouts.key-refresh}.
     */
    long getKeyRefreshes();

    /** Peers' NEW-KEY messages that installed a new session key for this replica's messages to them. */
    long getNewKeysAccepted();

    /**
     * Peers' NEW-KEY messages refused, per reason (every reason, zero included). {@code OLD_COUNTER}
     * counts replays, and also harmless duplicates that peers resend after a failed MAC.
     */
    Map<String, Long> getNewKeysRefused();

    /** Messages and requests the core dropped, per reason (every reason, zero included). */
    Map<String, Long> getMessagesDropped();

    /** Frames refused before the core saw them because they could not be authenticated, per reason. */
    Map<String, Long> getFramesUnauthenticated();

    /** Inbound streams the transport closed at an invalid frame header, per reason. */
    Map<String, Long> getFramesRejectedByTransport();

    /** Writes dropped because the connection was down. */
    long getWritesDroppedDisconnected();

    /** Writes dropped because the connection's pending bytes were at their limit. */
    long getWritesDroppedBufferFull();
}
