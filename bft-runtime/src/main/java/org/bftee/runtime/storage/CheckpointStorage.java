package org.bftee.runtime.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/**
 * A replica's checkpoints on disk, so that after a crash at any point (kill -9 or power loss) it restarts
 * from the newest checkpoint that was completely written: the old one or the new one, never a mix of the
 * two, and never damaged data without saying so.
 *
 * <p>The directory holds a chain: an optional base image (every non-empty object) and the deltas saved
 * since (the objects changed at each checkpoint), listed by a small manifest with each file's length and
 * SHA-256. A save writes one delta, so its cost follows what changed, not the size of the state. When the
 * chain reaches {@link StorageLimits#deltasPerBaseMax()} deltas or {@link StorageLimits#deltaBytesPerBaseMax()}
 * bytes, the save also compacts it into a new base image.
 *
 * <p>How a replica drives it:
 * <ol>
 *   <li>{@link #open(Path, StorageLimits)} at start.</li>
 *   <li>{@link #load()} once. Start from the checkpoint it returns (after checking that the partition tree
 *       of its objects has its digest), or from the empty initial state if there is none; fetch what is
 *       newer by state transfer. If {@code load} throws because the manifest itself is unusable, start
 *       from the empty state and call {@link #discardAll()}.</li>
 *   <li>At every checkpoint, {@link #save save(sequence, digest, objectCount, changed)} where
 *       {@code changed} holds every object whose value differs from the last checkpoint this storage
 *       loaded or saved. After state transfer that includes every object fetched.</li>
 * </ol>
 *
 * <p>What is synced when: every file is written to a temporary file, forced with
 * {@code FileChannel.force(true)}, renamed into place atomically and made durable by forcing the directory
 * (see {@code DurableDirectory}). A save writes its delta that way, then the manifest that adds it; the
 * manifest's rename is the moment the checkpoint takes effect, and when {@code save} returns it is durable.
 * A compaction writes the base image, then the manifest that lists it alone, and only then deletes the
 * superseded files.
 *
 * <p>What a crash leaves: before the manifest's rename, the previous checkpoint, plus a temporary file or
 * an unlisted delta or base image; after it, the new checkpoint, plus perhaps superseded files. Temporary
 * files are deleted by {@code open}, unlisted chain files by {@code load}. Damage found later (a file
 * truncated, altered or missing) is detected by lengths, headers and SHA-256 and reported: a damaged
 * manifest by a {@link CorruptCheckpointException}, a damaged chain file by a {@link LoadResult} holding the
 * checkpoint before it and naming it in {@link LoadResult#skipped()}.
 *
 * <p>Cost: a save writes and forces its delta and the manifest (four forces in all); a save that compacts
 * also reads the chain and rewrites the whole state. Both block, so a replica calls them off its event
 * loop.
 *
 * <p>Not thread-safe: one owner thread calls every method. After a save, compaction or discard fails, the
 * instance refuses to write until {@link #load()} has read again what is on disk, since the failure may
 * have left the disk ahead of what the instance believes (a rename done, its directory force failed).
 */
public final class CheckpointStorage {

    private static final System.Logger LOG = System.getLogger(CheckpointStorage.class.getName());

    private final DurableDirectory directory;
    private final StorageLimits limits;
    private final StorageCounters counters;
    /** The manifest on disk as last read or written; null before the first load. */
    private Manifest onDisk;
    /**
     * The chain the next save extends: {@link #onDisk}, or its intact prefix after a load that skipped a
     * damaged file, whose files the next manifest then drops. Null before the first load or discard.
     */
    private Manifest chain;
    /** Why the last write failed; null when the instance may write. */
    private Exception failure;

    private CheckpointStorage(DurableDirectory directory, StorageLimits limits, StorageCounters counters) {
        this.directory = directory;
        this.limits = limits;
        this.counters = counters;
    }

    /**
     * Opens the storage in {@code directory}, creating it if needed, deletes the temporary files of writes a
     * crash interrupted, and in a directory without checkpoints writes an empty manifest, so that a
     * manifest missing later, beside checkpoint files, is known to be lost and not yet to be written.
     */
    public static CheckpointStorage open(Path directory, StorageLimits limits) throws IOException {
        return open(directory, limits, StepObserver.NONE, Forcing.TO_DISK);
    }

    static CheckpointStorage open(Path directory, StorageLimits limits, StepObserver observer, Forcing forcing)
            throws IOException {
        Objects.requireNonNull(limits, "limits");
        Files.createDirectories(directory);
        StorageCounters counters = new StorageCounters();
        CheckpointStorage storage = new CheckpointStorage(
                new DurableDirectory(directory, observer, forcing, counters), limits, counters);
        storage.directory.deleteTemporaryFiles();
        boolean noManifest = !Files.exists(storage.directory.resolve(ManifestFile.NAME));
        if (noManifest && storage.chainFileNames().isEmpty()) {
            storage.writeManifest(Manifest.empty(limits.objectCount()));
        }
        return storage;
    }

    /**
     * Reads the newest intact checkpoint and deletes the chain files no manifest lists (left by a crash).
     * A damaged base image or delta ends the chain: the result holds the checkpoint before it (or none) and
     * says what was skipped, and the next save extends that checkpoint. This is the only method that reads
     * the whole state.
     *
     * @throws CorruptCheckpointException if the manifest is missing, damaged, or for another object count
     * @throws IOException                if a file cannot be read
     */
    public LoadResult load() throws IOException {
        Manifest manifest = ManifestFile.read(directory.path(), limits);
        ChainLoader.Loaded loaded = ChainLoader.load(directory.path(), manifest, limits);
        onDisk = manifest;
        chain = loaded.intactChain();
        failure = null;
        deleteOrphans();
        LoadResult result = loaded.result();
        if (result.isComplete()) {
            LOG.log(Level.INFO, "Loaded {0} from {1}", result, directory.path());
        } else {
            LOG.log(Level.WARNING, "Loaded {0} from {1}; state transfer must fetch the newer state", result,
                    directory.path());
        }
        return result;
    }

    /**
     * Saves checkpoint {@code sequence} as a delta over the last checkpoint loaded or saved, and compacts
     * the chain if it has reached a limit. When this returns, the checkpoint is durable. If it throws, the
     * disk holds the previous checkpoint or this one (and {@link #load()} tells which); if only the
     * compaction failed, this one.
     *
     * @param sequence       above the last checkpoint loaded or saved
     * @param digest         the checkpoint's state digest, returned by {@link #load()} with it
     * @param objectCount    objects in the state: the storage's {@link StorageLimits#objectCount()}
     * @param changedObjects every object whose value differs from the last checkpoint loaded or saved, by
     *                       index; an empty value means the object is now empty
     * @throws IllegalArgumentException if an argument breaks these rules: a bug of the caller
     * @throws IllegalStateException    before {@link #load()} or {@link #discardAll()}, or after a failed write
     */
    public void save(long sequence, Digest digest, int objectCount, Map<Integer, Bytes> changedObjects)
            throws IOException {
        requireWritable();
        SortedMap<Integer, Bytes> changed = checkedDelta(sequence, digest, objectCount, changedObjects);
        try {
            commit(chain.withDelta(writeDelta(sequence, digest, changed)));
            LOG.log(Level.DEBUG, () -> "Saved checkpoint " + sequence + ": " + changed.size() + " objects changed");
            if (chain.deltas().size() >= limits.deltasPerBaseMax()
                    || chain.deltaBytes() >= limits.deltaBytesPerBaseMax()) {
                compact();
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Forgets every checkpoint: writes an empty manifest, then deletes every chain file. For a replica whose
     * {@link #load()} failed and that starts from the empty state.
     */
    public void discardAll() throws IOException {
        try {
            writeManifest(Manifest.empty(limits.objectCount()));
            onDisk = Manifest.empty(limits.objectCount());
            chain = onDisk;
            failure = null;
            deleteOrphans();
            // INFO: the callers say why, at the level the reason deserves (damage is a WARNING, a
            // fetched state replacing the stored one is routine).
            LOG.log(Level.INFO, "Discarded every checkpoint in {0}", directory.path());
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    /** The checkpoint the next save extends, or empty if there is none; known after {@link #load()}. */
    public OptionalLong lastSavedSequence() {
        requireChainKnown();
        long newest = chain.newestSequence();
        return newest == Manifest.NO_CHECKPOINT ? OptionalLong.empty() : OptionalLong.of(newest);
    }

    public StorageCounters counters() {
        return counters;
    }

    public Path directory() {
        return directory.path();
    }

    private SortedMap<Integer, Bytes> checkedDelta(long sequence, Digest digest, int objectCount,
            Map<Integer, Bytes> changedObjects) {
        Objects.requireNonNull(digest, "digest");
        if (objectCount != limits.objectCount()) {
            throw new IllegalArgumentException("checkpoint " + sequence + " has " + objectCount
                    + " objects, but this storage holds states of " + limits.objectCount());
        }
        if (sequence < 0 || sequence <= chain.newestSequence()) {
            throw new IllegalArgumentException("checkpoint " + sequence + " is not above the last saved checkpoint "
                    + chain.newestSequence() + " (and not negative): checkpoints are saved in increasing order");
        }
        SortedMap<Integer, Bytes> changed = new TreeMap<>();
        for (Map.Entry<Integer, Bytes> object : changedObjects.entrySet()) {
            int index = object.getKey();
            if (index < 0 || index >= objectCount) {
                throw new IllegalArgumentException("object index " + index + " is outside the state of " + objectCount
                        + " objects");
            }
            Bytes value = Objects.requireNonNull(object.getValue(), "value of object " + index);
            if (value.length() > limits.objectBytesMax()) {
                throw new IllegalArgumentException("object " + index + ": " + value.length()
                        + " bytes exceed object-bytes-max " + limits.objectBytesMax());
            }
            changed.put(index, value);
        }
        return changed;
    }

    private ChainFile writeDelta(long sequence, Digest digest, SortedMap<Integer, Bytes> changed) throws IOException {
        long previous = chain.newestSequence();
        WrittenFile written = directory.writeAtomically(ChainFile.fileName(ChainFile.Kind.DELTA, sequence), out -> {
            CheckpointFileWriter writer = new CheckpointFileWriter(out, ChainFile.Kind.DELTA, limits.objectCount(),
                    sequence, previous, digest);
            for (Map.Entry<Integer, Bytes> object : changed.entrySet()) {
                writer.write(object.getKey(), object.getValue());
            }
            writer.end();
        });
        return new ChainFile(ChainFile.Kind.DELTA, sequence, digest, written.length(), written.sha256());
    }

    private void compact() throws IOException {
        long started = System.nanoTime();
        Manifest compacted = chain.compactedTo(Compaction.writeBase(directory, chain, limits));
        int deltas = chain.deltas().size();
        commit(compacted);
        counters.recordCompaction();
        ChainFile base = compacted.base().orElseThrow();
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(Level.INFO, () -> "Compacted " + deltas + " deltas into the base image of checkpoint " + base.sequence()
                + " (" + base.length() + " bytes) in " + millis + " ms");
    }

    /**
     * Makes {@code next} the chain on disk, then deletes the files only the previous manifest listed: a
     * crash between the two leaves files that the next load deletes as orphans.
     */
    private void commit(Manifest next) throws IOException {
        writeManifest(next);
        Set<String> superseded = new LinkedHashSet<>(onDisk.fileNames());
        superseded.removeAll(next.fileNames());
        onDisk = next;
        chain = next;
        for (String name : superseded) {
            directory.delete(name);
        }
    }

    private void writeManifest(Manifest manifest) throws IOException {
        directory.writeAtomically(ManifestFile.NAME, out -> ManifestFile.write(out, manifest));
    }

    private void deleteOrphans() throws IOException {
        Set<String> listed = onDisk.fileNames();
        for (String name : chainFileNames()) {
            if (!listed.contains(name)) {
                LOG.log(Level.INFO, "Deleting {0}, which no manifest lists (left by a crash or superseded)",
                        directory.resolve(name));
                directory.delete(name);
            }
        }
    }

    private List<String> chainFileNames() throws IOException {
        return directory.list(name -> ChainFile.NAME.matcher(name).matches());
    }

    private void requireWritable() {
        requireChainKnown();
        if (failure != null) {
            throw new IllegalStateException("an earlier write failed (" + failure
                    + "); load() again before saving, to learn what the disk holds", failure);
        }
    }

    private void requireChainKnown() {
        if (chain == null) {
            throw new IllegalStateException("call load() (or discardAll()) first: a save extends the checkpoint "
                    + "that load() returned");
        }
    }
}
