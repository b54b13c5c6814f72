package org.bftee.runtime.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CheckpointStorage#load()} found: the newest checkpoint that was completely written and is
 * intact, if any, and which newer checkpoints it had to skip, if any.
 *
 * <p>A skip is not an error the replica can fix locally: it starts from {@code checkpoint} (or from the
 * empty initial state if there is none) and fetches the rest by state transfer, as after any crash.
 *
 * @param checkpoint the loaded checkpoint; empty when nothing intact was saved
 * @param skipped    newer checkpoints listed by the manifest but left out because a delta was damaged
 */
public record LoadResult(Optional<StoredCheckpoint> checkpoint, Optional<SkippedCheckpoints> skipped) {

    public LoadResult {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(skipped, "skipped");
    }

    /** Whether the newest checkpoint the manifest lists was loaded, with nothing skipped. */
    public boolean isComplete() {
        return skipped.isEmpty();
    }

    @Override
    public String toString() {
        String loaded = checkpoint.map(StoredCheckpoint::toString).orElse("no checkpoint");
        return skipped.map(skip -> loaded + "; " + skip).orElse(loaded);
    }
}
