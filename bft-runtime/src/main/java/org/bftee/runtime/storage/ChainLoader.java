package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bftee.core.message.Bytes;

/**
 * Rebuilds the newest intact checkpoint of a chain: the base image, then each delta in order, each file
 * checked whole before any of it is applied. The first damaged file ends the load, and the checkpoint
 * before it is the result: every later checkpoint depends on that file, and applying part of a file
 * would mix two checkpoints.
 */
final class ChainLoader {

    /**
     * @param result      what the caller is told
     * @param intactChain the chain up to the loaded checkpoint, which the next save extends
     */
    record Loaded(LoadResult result, Manifest intactChain) {
    }

    private ChainLoader() {
    }

    static Loaded load(Path directory, Manifest manifest, StorageLimits limits) throws IOException {
        SortedMap<Integer, Bytes> state = new TreeMap<>();
        Optional<ChainFile> loaded = Optional.empty();
        if (manifest.base().isPresent()) {
            ChainFile base = manifest.base().get();
            try {
                state = CheckpointFileReader.readAll(directory, base, Manifest.NO_CHECKPOINT, limits);
            } catch (CorruptCheckpointException e) {
                return skipping(manifest, base, e, state, loaded, Manifest.empty(manifest.objectCount()));
            }
            loaded = Optional.of(base);
        }
        List<ChainFile> deltas = manifest.deltas();
        for (int i = 0; i < deltas.size(); i++) {
            ChainFile delta = deltas.get(i);
            long previous = loaded.map(ChainFile::sequence).orElse(Manifest.NO_CHECKPOINT);
            SortedMap<Integer, Bytes> changed;
            try {
                changed = CheckpointFileReader.readAll(directory, delta, previous, limits);
            } catch (CorruptCheckpointException e) {
                return skipping(manifest, delta, e, state, loaded, manifest.withFirstDeltas(i));
            }
            apply(changed, state);
            loaded = Optional.of(delta);
        }
        return new Loaded(new LoadResult(checkpoint(loaded, state, manifest.objectCount()), Optional.empty()),
                manifest);
    }

    private static Loaded skipping(Manifest manifest, ChainFile damaged, CorruptCheckpointException damage,
            SortedMap<Integer, Bytes> state, Optional<ChainFile> loaded, Manifest intactChain) {
        SkippedCheckpoints skipped = new SkippedCheckpoints(damaged.sequence(), manifest.newestSequence(),
                damage.file(), damage.problem());
        return new Loaded(new LoadResult(checkpoint(loaded, state, manifest.objectCount()), Optional.of(skipped)),
                intactChain);
    }

    private static void apply(SortedMap<Integer, Bytes> changed, SortedMap<Integer, Bytes> state) {
        for (Map.Entry<Integer, Bytes> object : changed.entrySet()) {
            if (object.getValue().isEmpty()) {
                state.remove(object.getKey());
            } else {
                state.put(object.getKey(), object.getValue());
            }
        }
    }

    private static Optional<StoredCheckpoint> checkpoint(Optional<ChainFile> loaded, SortedMap<Integer, Bytes> state,
            int objectCount) {
        return loaded.map(file -> new StoredCheckpoint(file.sequence(), file.digest(), objectCount, state));
    }
}
