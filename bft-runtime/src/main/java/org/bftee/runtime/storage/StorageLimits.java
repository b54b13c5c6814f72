package org.bftee.runtime.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bftee.core.state.ObjectStoreLimits;

/**
 * The named limits of a {@link CheckpointStorage} (STYLE rule 4), validated when built.
 *
 * <p>{@code objectCount} and {@code objectBytesMax} are the object store's: every length read from disk
 * is checked against them before anything is allocated, so a corrupted length field cannot make a load
 * allocate more than one legitimate object. The two compaction limits bound the chain of deltas written
 * since the last base image: the storage compacts as soon as the chain reaches either of them, so load
 * time and disk use stay within one base image plus these deltas.
 *
 * @param objectCount          objects in the service state; a stored checkpoint for another count is refused
 * @param objectBytesMax       bytes of one object's value
 * @param deltasPerBaseMax     deltas the chain may reach before it is compacted into a new base image
 * @param deltaBytesPerBaseMax bytes of delta files the chain may reach before it is compacted
 */
public record StorageLimits(int objectCount, int objectBytesMax, int deltasPerBaseMax, long deltaBytesPerBaseMax) {

    /**
     * Ceiling on the deltas of one chain. It also bounds the manifest's size, and it is what a manifest's
     * delta count is checked against when read, so that lowering {@code deltasPerBaseMax} between two runs
     * never makes an existing manifest unreadable.
     */
    public static final int DELTAS_PER_BASE_ABSOLUTE_MAX = 1024;

    /** Default delta count: at one checkpoint every 128 requests, a base image every few thousand requests. */
    public static final int DELTAS_PER_BASE_DEFAULT = 32;

    /**
     * Default delta bytes: a 1 GiB state is rewritten at most once per 256 MiB of changes (write
     * amplification at most five), and a load reads at most 256 MiB beyond the base image.
     */
    public static final long DELTA_BYTES_PER_BASE_DEFAULT = 256L * 1024 * 1024;

    public StorageLimits {
        List<String> problems = problems(objectCount, objectBytesMax, deltasPerBaseMax, deltaBytesPerBaseMax);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The object store's shape with the default compaction limits. */
    public static StorageLimits forStore(ObjectStoreLimits store) {
        Objects.requireNonNull(store, "store");
        return new StorageLimits(store.objectCount(), store.objectBytesMax(), DELTAS_PER_BASE_DEFAULT,
                DELTA_BYTES_PER_BASE_DEFAULT);
    }

    public StorageLimits withDeltasPerBaseMax(int deltas) {
        return new StorageLimits(objectCount, objectBytesMax, deltas, deltaBytesPerBaseMax);
    }

    public StorageLimits withDeltaBytesPerBaseMax(long bytes) {
        return new StorageLimits(objectCount, objectBytesMax, deltasPerBaseMax, bytes);
    }

    private static List<String> problems(int objectCount, int objectBytesMax, int deltasPerBaseMax,
            long deltaBytesPerBaseMax) {
        List<String> problems = new ArrayList<>();
        within(problems, "object-count", objectCount, ObjectStoreLimits.OBJECT_COUNT_ABSOLUTE_MAX);
        within(problems, "object-bytes-max", objectBytesMax, ObjectStoreLimits.OBJECT_BYTES_ABSOLUTE_MAX);
        within(problems, "deltas-per-base-max", deltasPerBaseMax, DELTAS_PER_BASE_ABSOLUTE_MAX);
        within(problems, "delta-bytes-per-base-max", deltaBytesPerBaseMax, Long.MAX_VALUE);
        return problems;
    }

    private static void within(List<String> problems, String name, long value, long max) {
        if (value <= 0) {
            problems.add(name + " must be positive, got " + value);
        } else if (value > max) {
            problems.add(name + " (" + value + ") exceeds the hard maximum of " + max);
        }
    }
}
