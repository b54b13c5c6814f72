package org.bftee.runtime.storage;

import java.nio.file.Path;

/**
 * Checkpoints that the manifest lists but that {@link CheckpointStorage#load()} could not use, because one
 * file of the chain (the base image or a delta) is missing or damaged: every checkpoint from that file on
 * depends on it.
 *
 * @param firstSequence  the checkpoint of the damaged file, the first one skipped
 * @param newestSequence the newest checkpoint the manifest lists
 * @param damagedFile    the damaged file
 * @param problem        what is wrong with it
 */
public record SkippedCheckpoints(long firstSequence, long newestSequence, Path damagedFile, String problem) {

    @Override
    public String toString() {
        return "checkpoints " + firstSequence + " to " + newestSequence + " skipped: " + damagedFile + ": " + problem;
    }
}
