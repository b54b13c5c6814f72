package org.bftee.core.state;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.config.ProtocolLimits;

/**
 * The named limits of one replica's {@link ObjectStore} (STYLE rule 4). Every replica of a group
 * must use the same values: the object count fixes the shape of the partition tree and so the
 * checkpoint digest.
 *
 * @param objectCount            objects in the service state, fixed for the life of the group
 * @param objectBytesMax         bytes of one object's value; a write above it is a service bug
 * @param checkpointsRetainedMax checkpoints held at once (the stable one and the newer ones);
 *                               taking one more is a replica bug
 */
public record ObjectStoreLimits(int objectCount, int objectBytesMax, int checkpointsRetainedMax) {

    /** Ceiling on the object count: the tree keeps a digest per object in memory. */
    public static final int OBJECT_COUNT_ABSOLUTE_MAX = 1 << 24;

    /** Ceiling on one object: a DATA message carries one whole object during state transfer. */
    public static final int OBJECT_BYTES_ABSOLUTE_MAX = 16 * 1024 * 1024;

    /** Ceiling on retained checkpoints, whatever the protocol's window would allow. */
    public static final int CHECKPOINTS_RETAINED_ABSOLUTE_MAX = 1024;

    public ObjectStoreLimits {
        List<String> problems = problems(objectCount, objectBytesMax, checkpointsRetainedMax);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** A small store for tests and samples: 4096 objects of up to 64 KiB, 16 checkpoints. */
    public static ObjectStoreLimits defaults() {
        return new ObjectStoreLimits(4096, 64 * 1024, 16);
    }

    /**
     * The fewest checkpoints a replica running with {@code protocol} must be able to retain:
     * checkpoints are taken only inside the window {@code (h, h + L]}, so besides the stable one at
     * {@code h} there are at most {@code L / K} newer ones (PROTOCOL.md, "Checkpoints").
     */
    public static int checkpointsRetainedFor(ProtocolLimits protocol) {
        return protocol.logWindow() / protocol.checkpointInterval() + 1;
    }

    /** Every violated limit, each naming its field; empty when the values are valid. */
    public static List<String> problems(int objectCount, int objectBytesMax, int checkpointsRetainedMax) {
        List<String> problems = new ArrayList<>();
        within(problems, "object-count", objectCount, OBJECT_COUNT_ABSOLUTE_MAX);
        within(problems, "object-bytes-max", objectBytesMax, OBJECT_BYTES_ABSOLUTE_MAX);
        within(problems, "checkpoints-retained-max", checkpointsRetainedMax, CHECKPOINTS_RETAINED_ABSOLUTE_MAX);
        return problems;
    }

    private static void within(List<String> problems, String name, int value, int max) {
        if (value <= 0) {
            problems.add(name + " must be positive, got " + value);
        } else if (value > max) {
            problems.add(name + " (" + value + ") exceeds the hard maximum of " + max);
        }
    }
}
