package org.bftee.runtime.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The current chain: an optional base image and the deltas written since, oldest first. The state at the
 * newest file is the base (or the empty state if there is none) with every delta applied in order.
 *
 * @param objectCount objects in the state the chain describes
 * @param base        the base image; empty until the first compaction
 * @param deltas      the deltas, sequence numbers ascending and above the base's
 */
record Manifest(int objectCount, Optional<ChainFile> base, List<ChainFile> deltas) {

    /** The sequence number before the first checkpoint: what a chain without files is at. */
    static final long NO_CHECKPOINT = -1;

    Manifest {
        Objects.requireNonNull(base, "base");
        deltas = List.copyOf(deltas);
        long previous = base.map(ChainFile::sequence).orElse(NO_CHECKPOINT);
        for (ChainFile delta : deltas) {
            if (delta.kind() != ChainFile.Kind.DELTA || delta.sequence() <= previous) {
                throw new IllegalArgumentException("delta " + delta + " does not follow checkpoint " + previous);
            }
            previous = delta.sequence();
        }
        if (base.isPresent() && base.get().kind() != ChainFile.Kind.BASE) {
            throw new IllegalArgumentException("base " + base.get() + " is not a base image");
        }
    }

    static Manifest empty(int objectCount) {
        return new Manifest(objectCount, Optional.empty(), List.of());
    }

    /** The newest file of the chain, which holds the newest checkpoint; empty for an empty chain. */
    Optional<ChainFile> newest() {
        return deltas.isEmpty() ? base : Optional.of(deltas.get(deltas.size() - 1));
    }

    long newestSequence() {
        return newest().map(ChainFile::sequence).orElse(NO_CHECKPOINT);
    }

    Manifest withDelta(ChainFile delta) {
        List<ChainFile> longer = new ArrayList<>(deltas);
        longer.add(delta);
        return new Manifest(objectCount, base, longer);
    }

    /** The chain up to and including its first {@code deltaCount} deltas. */
    Manifest withFirstDeltas(int deltaCount) {
        return new Manifest(objectCount, base, deltas.subList(0, deltaCount));
    }

    /** A chain of one base image, which replaces this whole chain. */
    Manifest compactedTo(ChainFile newBase) {
        return new Manifest(objectCount, Optional.of(newBase), List.of());
    }

    long deltaBytes() {
        return deltas.stream().mapToLong(ChainFile::length).sum();
    }

    /** The names of every file of the chain. */
    Set<String> fileNames() {
        Set<String> names = new LinkedHashSet<>();
        base.ifPresent(file -> names.add(file.fileName()));
        deltas.forEach(file -> names.add(file.fileName()));
        return names;
    }
}
