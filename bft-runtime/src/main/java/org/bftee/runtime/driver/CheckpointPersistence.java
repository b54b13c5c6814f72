package org.bftee.runtime.driver;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.StoredObject;
import org.bftee.runtime.storage.CheckpointStorage;
import org.bftee.runtime.storage.CorruptCheckpointException;
import org.bftee.runtime.storage.LoadResult;
import org.bftee.runtime.storage.StorageLimits;
import org.bftee.runtime.storage.StoredCheckpoint;

/**
 * Writes a replica's stable checkpoints to its state directory and restores the newest one at
 * start, so that a restarted replica fetches only what the group did after it.
 *
 * <p>The object store is the replica's and is read on its owner thread only: {@link #stable} takes
 * the objects changed since the last checkpoint written there (values are immutable) and hands them
 * to a storage thread of its own, which writes and syncs them ({@link CheckpointStorage}), so that
 * the event loop never waits for a disk. At most {@link #QUEUED_SAVES_MAX} saves wait; when the disk
 * is slower than the checkpoints, a stable checkpoint is skipped and the next save carries its
 * changes too. The storage keeps values opaque; each object is written as its {@code lm} (eight
 * bytes) followed by its value, since the {@code lm} is part of the checkpoint's digest.
 *
 * <p>A failed write is logged at ERROR and ends persistence for this run (the replica stays correct,
 * in memory; a restart fetches the state from the group): the storage refuses to write after a
 * failure until it re-reads the disk, which only a restart does.
 */
public final class CheckpointPersistence implements AutoCloseable {

    /** Saves waiting for the storage thread before stable checkpoints are skipped. */
    static final int QUEUED_SAVES_MAX = 2;

    private static final Logger LOG = System.getLogger(CheckpointPersistence.class.getName());
    private static final int LM_BYTES = Long.BYTES;

    private final int replica;
    private final CheckpointStorage storage;
    private final ExecutorService writer;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong lastWritten = new AtomicLong(-1);
    private volatile boolean failed;
    /** The checkpoint whose objects the next save is relative to (owner thread only). */
    private long lastQueued = -1;
    private boolean fullSaveDue;

    private CheckpointPersistence(int replica, CheckpointStorage storage, ThreadFactory threads) {
        this.replica = replica;
        this.storage = storage;
        this.writer = Executors.newSingleThreadExecutor(threads);
    }

    /**
     * Opens replica {@code replica}'s checkpoints in {@code directory} and restores the newest into
     * {@code store}, which must have executed nothing. A damaged or unusable stored state is logged,
     * discarded and replaced by the empty state: the replica then fetches everything from the group.
     */
    public static CheckpointPersistence openAndRestore(int replica, Path directory, ObjectStore store,
                                                       ThreadFactory threads) throws IOException {
        StorageLimits limits = new StorageLimits(store.totalObjectCount(), store.objectBytesMax() + LM_BYTES,
                StorageLimits.DELTAS_PER_BASE_DEFAULT, StorageLimits.DELTA_BYTES_PER_BASE_DEFAULT);
        CheckpointStorage storage = CheckpointStorage.open(directory, limits);
        CheckpointPersistence persistence = new CheckpointPersistence(replica, storage, threads);
        persistence.restore(directory, store);
        return persistence;
    }

    private void restore(Path directory, ObjectStore store) throws IOException {
        LoadResult loaded;
        try {
            loaded = storage.load();
        } catch (CorruptCheckpointException damaged) {
            LOG.log(Level.WARNING, "replica {0}: the checkpoint manifest in {1} is unusable ({2}); starting from the"
                    + " empty state and fetching the group''s state", replica, directory, damaged.getMessage());
            storage.discardAll();
            lastQueued = 0;
            return;
        }
        loaded.skipped().ifPresent(skipped -> LOG.log(Level.WARNING, "replica {0}: stored checkpoints {1} to {2}"
                + " are damaged ({3}: {4}); starting from the one before", replica, skipped.firstSequence(),
                skipped.newestSequence(), skipped.damagedFile(), skipped.problem()));
        if (loaded.checkpoint().isEmpty()) {
            LOG.log(Level.INFO, "replica {0}: no checkpoint in {1}; starting from the empty state", replica, directory);
            lastQueued = 0;
            return;
        }
        StoredCheckpoint checkpoint = loaded.checkpoint().get();
        List<StoredObject> objects = new ArrayList<>(checkpoint.objects().size());
        boolean wellFormed = true;
        for (Map.Entry<Integer, Bytes> entry : checkpoint.objects().entrySet()) {
            Bytes stored = entry.getValue();
            if (stored.length() < LM_BYTES || stored.longAt(0) < 0) {
                wellFormed = false;
                break;
            }
            objects.add(new StoredObject(entry.getKey(), stored.longAt(0), stored.from(LM_BYTES)));
        }
        if (wellFormed && store.restore(checkpoint.sequence(), checkpoint.digest(), objects)) {
            lastQueued = checkpoint.sequence();
            lastWritten.set(checkpoint.sequence());
            LOG.log(Level.INFO, "replica {0}: restored checkpoint {1} ({2} objects) from {3}", replica,
                    Long.toString(checkpoint.sequence()), objects.size(), directory);
            return;
        }
        LOG.log(Level.WARNING, "replica {0}: the stored checkpoint {1} in {2} does not produce its digest: the state"
                + " on disk is corrupt; discarding it and fetching the group''s state", replica,
                Long.toString(checkpoint.sequence()), directory);
        storage.discardAll();
        lastQueued = 0;
    }

    /** Checkpoint {@code sequence} became stable: queue its changes for the disk. Owner thread. */
    public void stable(ObjectStore store, long sequence) {
        save(store, sequence, false);
    }

    /**
     * State transfer installed checkpoint {@code sequence}: what is on disk may differ from it in any
     * object, so the next save starts the files afresh with every object. Owner thread.
     */
    public void transferred(ObjectStore store, long sequence) {
        fullSaveDue = true;
        save(store, sequence, true);
    }

    private void save(ObjectStore store, long sequence, boolean full) {
        if (failed || (sequence <= lastQueued && !full) || !store.isRetained(sequence)) {
            return;
        }
        if (queued.get() >= QUEUED_SAVES_MAX) {
            return; // the next save carries these changes too
        }
        boolean fresh = fullSaveDue;
        List<StoredObject> changed = store.modifiedAfter(fresh ? 0 : lastQueued, sequence);
        Map<Integer, Bytes> encoded = new HashMap<>(changed.size() * 2);
        for (StoredObject object : changed) {
            ByteBuffer value = ByteBuffer.allocate(LM_BYTES + object.value().length()).putLong(object.lastModified());
            object.value().writeTo(value);
            encoded.put(object.index(), Bytes.wrap(value.array()));
        }
        Digest digest = store.checkpointDigest(sequence);
        int objectCount = store.totalObjectCount();
        lastQueued = sequence;
        fullSaveDue = false;
        queued.incrementAndGet();
        writer.execute(() -> write(sequence, digest, objectCount, encoded, fresh));
    }

    private void write(long sequence, Digest digest, int objectCount, Map<Integer, Bytes> changed, boolean fresh) {
        try {
            if (failed) {
                return;
            }
            if (fresh) {
                // Known gap: until the save below completes, the directory holds no checkpoint; a crash in
                // between restarts this replica from its vote log alone, and it fetches the state again.
                LOG.log(Level.INFO, "replica {0}: replacing the stored checkpoints in {1} by checkpoint {2},"
                        + " fetched from the group", replica, storage.directory(), Long.toString(sequence));
                storage.discardAll();
            }
            storage.save(sequence, digest, objectCount, changed);
            lastWritten.set(sequence);
        } catch (IOException | RuntimeException failure) {
            failed = true;
            LOG.log(Level.ERROR, "replica " + replica + ": writing checkpoint " + sequence + " to "
                    + storage.directory() + " failed; checkpoints are no longer written in this run, and a restart"
                    + " will fetch the state from the group", failure);
        } finally {
            queued.decrementAndGet();
        }
    }

    /** The newest checkpoint on disk, or -1. Any thread. */
    public long lastWritten() {
        return lastWritten.get();
    }

    /** Whether a write failed and checkpoints are no longer written. Any thread. */
    public boolean failed() {
        return failed;
    }

    public CheckpointStorage storage() {
        return storage;
    }

    /** Lets the save in progress finish (up to 30 s), then stops the storage thread. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "replica {0}: a checkpoint write did not finish within 30 s", replica);
                writer.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }
}
