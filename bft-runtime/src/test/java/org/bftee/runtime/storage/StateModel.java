package org.bftee.runtime.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bftee.core.message.Bytes;

/** The state a chain of deltas should produce, kept in memory: what every load is compared with. */
final class StateModel {

    private final int objectCount;
    private final SortedMap<Integer, Bytes> state = new TreeMap<>();
    private final Map<Long, StoredCheckpoint> checkpoints = new HashMap<>();
    private Optional<StoredCheckpoint> newest = Optional.empty();

    StateModel(int objectCount) {
        this.objectCount = objectCount;
    }

    /** Applies {@code delta} and records checkpoint {@code sequence}; returns it. */
    StoredCheckpoint save(long sequence, Map<Integer, Bytes> delta) {
        delta.forEach((index, value) -> {
            if (value.isEmpty()) {
                state.remove(index);
            } else {
                state.put(index, value);
            }
        });
        StoredCheckpoint checkpoint = new StoredCheckpoint(sequence, TestCheckpoints.digest(sequence), objectCount,
                state);
        checkpoints.put(sequence, checkpoint);
        newest = Optional.of(checkpoint);
        return checkpoint;
    }

    /** Goes back to {@code checkpoint} (or the empty state), as a replica restarting from it would. */
    void restartFrom(Optional<StoredCheckpoint> checkpoint) {
        state.clear();
        checkpoint.ifPresent(loaded -> state.putAll(loaded.objects()));
        newest = checkpoint;
    }

    StoredCheckpoint at(long sequence) {
        return checkpoints.get(sequence);
    }

    Optional<StoredCheckpoint> newest() {
        return newest;
    }

    long newestSequence() {
        return newest.map(StoredCheckpoint::sequence).orElse(Manifest.NO_CHECKPOINT);
    }
}
