package org.bftee.core.replica;

import org.bftee.core.crypto.Digest;

/**
 * What a replica reports as it executes and checkpoints: the simulator's checkers and the
 * runtime's metrics listen here. Called on the replica's thread, during the event that caused it.
 */
public interface ReplicaObserver {

    ReplicaObserver NONE = new ReplicaObserver() {
    };

    /** Batch {@code sequence} with digest {@code batchDigest} was executed (tentatively, or committed). */
    default void batchExecuted(int replica, long sequence, Digest batchDigest, boolean tentative) {
    }

    /** A tentatively executed batch {@code sequence} was undone. */
    default void batchUndone(int replica, long sequence) {
    }

    /** The request {@code (client, lane, timestamp)} was executed in batch {@code sequence}. */
    default void requestExecuted(int replica, int client, int lane, long timestamp, long sequence) {
    }

    /** The replica took a checkpoint at {@code sequence} with state digest {@code stateDigest}. */
    default void checkpointTaken(int replica, long sequence, Digest stateDigest) {
    }

    /** The checkpoint at {@code sequence} became stable. */
    default void checkpointStable(int replica, long sequence) {
    }

    /** The replica multicast a VIEW-CHANGE for {@code newView}. */
    default void viewChangeStarted(int replica, long newView) {
    }

    /** The replica installed {@code view} from a NEW-VIEW starting at checkpoint {@code checkpoint}. */
    default void viewInstalled(int replica, long view, long checkpoint) {
    }

    /** At {@code checkpoint}, f + 1 other replicas took another state than this one: it repairs its own. */
    default void stateCorruptionDetected(int replica, long checkpoint) {
    }

    /** The replica started recovering (it was restarted from its stored state with fresh keys). */
    default void recoveryStarted(int replica) {
    }

    /** The recovering replica estimated its recovery point, the group's latest stable checkpoint. */
    default void recoveryPointEstimated(int replica, long recoveryPoint) {
    }

    /** The replica recovered: it holds the group's state at or above {@code recoveryPoint}. */
    default void recovered(int replica, long recoveryPoint, long durationMillis) {
    }

    /** The replica started (or moved) fetching checkpoint {@code checkpoint} by state transfer. */
    default void stateTransferStarted(int replica, long checkpoint) {
    }

    /** The replica refused a piece of state from {@code sender}: {@code why} names the verdict. */
    default void stateRefused(int replica, int sender, String why) {
    }

    /**
     * The replica installed checkpoint {@code checkpoint} with {@code stateDigest}, fetched by state
     * transfer after checking {@code partitions} partitions; it executes from the next sequence number on.
     */
    default void stateTransferred(int replica, long checkpoint, Digest stateDigest, long partitions) {
    }

    /**
     * Client {@code client}'s requests waited at {@code f + 1} expiries of this replica's view-change timer
     * in a row ({@link ClientBlame}): until {@code untilMillis} (the replica's clock) they arm no timer here.
     */
    default void clientBarredFromViewChanges(int replica, int client, long untilMillis) {
    }

    /**
     * The primary of {@code view} executed {@code observedPerSecond} requests a second while requests
     * waited, below the share the limits require of the best rate seen, {@code bestPerSecond}
     * ({@link PrimaryMonitor}): this backup moves to the next view.
     */
    default void primarySuspectedSlow(int replica, long view, long observedPerSecond, long bestPerSecond) {
    }
}
