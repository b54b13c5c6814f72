package org.bftee.bench.recovery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.driver.ReplicaStatus;

/**
 * One run of the state-size sweep: fill the state, let a checkpoint covering it become stable and be
 * written by replica 3, kill replica 3, change a share of the objects through the other three, move
 * the group to a stable checkpoint past what replica 3 wrote, and restart replica 3 from its state
 * directory (or from an emptied one); time the restart (the restore from disk happens in it) and the
 * catch-up, and count the bytes state transfer moved.
 *
 * @param restoreMillis      from {@code startReplica} called to returned: opening the directory, reading
 *                           and checking the stored checkpoint, rebuilding the partition tree, binding
 * @param fetchStartMillis   from then until replica 3 was seen fetching (polled every 5 ms): mostly the
 *                           wait for the other replicas to dial it again and for a STATUS period
 * @param catchUpMillis      from the restart until replica 3 fetched a checkpoint, is not fetching, and
 *                           has executed up to the others' stable checkpoint
 * @param changedBytes       bytes of the service objects rewritten while replica 3 was down
 * @param changedObjects     those objects
 * @param differingBytes     bytes of service objects in which replica 3's restored state differed from the
 *                           group's: {@code changedBytes}, or the whole state when it restarted empty
 * @param bytesFetched       objects and partition summaries that state transfer accepted ({@code stateBytesFetched})
 * @param checkpointsFetched checkpoints state transfer installed at replica 3
 * @param restoredAt         the sequence number replica 3 started at (its stored checkpoint, or 0)
 * @param caughtUpAt         the group's stable checkpoint it reached
 */
record CatchUpRun(long restoreMillis, long fetchStartMillis, long catchUpMillis, long changedBytes,
                  int changedObjects, long differingBytes, long bytesFetched, long checkpointsFetched, long restoredAt,
                  long caughtUpAt) {

    static final int RESTARTED = 3;
    private static final int OBSERVER = 0;
    private static final Duration CATCH_UP_PATIENCE = Duration.ofMinutes(10);

    /** Bytes fetched for each byte that differed. */
    double ratio() {
        return (double) bytesFetched / differingBytes;
    }

    /**
     * @param emptyDirectory restart replica 3 with its state directory emptied instead of from what it wrote
     */
    static CatchUpRun measure(long stateBytes, int objectBytes, double changedShare, boolean emptyDirectory,
                              long seed, Path stateRoot) throws IOException, BftClientException, InterruptedException {
        try (BenchGroup group = BenchGroup.start(stateBytes, objectBytes, stateRoot, 1)) {
            group.fill(seed);
            group.stableCheckpointAtLeast(group.lastExecuted(), OBSERVER);
            long written = group.awaitWritten(RESTARTED, OBSERVER);

            group.local.killReplica(RESTARTED);
            int changedObjects = (int) Math.max(1, Math.round(group.objectCount * changedShare));
            long changedBytes = group.change(changedObjects, (int) Math.floorMod(seed, (long) group.objectCount),
                    seed + 1);
            // Past what replica 3 wrote and covering the changes: only state transfer gets it there.
            long target = group.stableCheckpointAtLeast(Math.max(written + 1, group.lastExecuted()), OBSERVER);
            if (emptyDirectory) {
                BenchGroup.deleteTree(group.local.stateDirectory(RESTARTED));
            }

            long restartNanos = System.nanoTime();
            group.local.startReplica(RESTARTED);
            long restoredNanos = System.nanoTime();
            long restoredAt = group.status(RESTARTED).lastExecuted();
            BenchGroup.await(() -> fetching(group.status(RESTARTED)), CATCH_UP_PATIENCE);
            long fetchStartNanos = System.nanoTime();
            boolean caughtUp = BenchGroup.await(() -> caughtUp(group.status(RESTARTED), target), CATCH_UP_PATIENCE);
            long caughtUpNanos = System.nanoTime();
            ReplicaStatus after = group.status(RESTARTED);
            if (!caughtUp) {
                throw new IllegalStateException("replica " + RESTARTED + " did not catch up with checkpoint " + target
                        + " within " + CATCH_UP_PATIENCE.toMinutes() + " minutes: " + after);
            }
            long differingBytes = emptyDirectory ? (long) group.objectCount * objectBytes : changedBytes;
            return new CatchUpRun(millis(restoredNanos - restartNanos), millis(fetchStartNanos - restoredNanos),
                    millis(caughtUpNanos - restoredNanos), changedBytes, changedObjects, differingBytes,
                    after.stateBytesFetched(), after.checkpointsFetched(), restoredAt, after.lastExecuted());
        }
    }

    private static boolean fetching(ReplicaStatus status) {
        return status.fetchingState() || status.checkpointsFetched() > 0;
    }

    private static boolean caughtUp(ReplicaStatus status, long target) {
        return status.checkpointsFetched() > 0 && !status.fetchingState() && status.lastExecuted() >= target;
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
