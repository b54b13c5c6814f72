package org.bftee.runtime.storage;

import static org.bftee.runtime.storage.TestCheckpoints.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports how long saving and loading a 100 MiB state take (1,600 objects of 64 KiB), forced to disk. Not a
 * test of speed and off by default (tests never assert on wall-clock time): run it with
 * {@code -Dtest=CheckpointStorageTiming -Dbftee.storage.timing=true}.
 */
@EnabledIfSystemProperty(named = "bftee.storage.timing", matches = "true")
class CheckpointStorageTiming {

    private static final int OBJECTS = 1600;
    private static final int OBJECT_BYTES = 64 * 1024;
    /** One percent of the objects change between two checkpoints. */
    private static final int CHANGED_PER_CHECKPOINT = OBJECTS / 100;

    @TempDir
    Path dir;

    @Test
    void saveAndLoadAHundredMebibyteState() throws IOException {
        // Two deltas per base: the first save is one 100 MiB delta, the second compacts.
        StorageLimits limits = new StorageLimits(OBJECTS, OBJECT_BYTES, 2, Long.MAX_VALUE);
        Random random = new Random(1);
        Map<Integer, Bytes> everything = new HashMap<>();
        for (int index = 0; index < OBJECTS; index++) {
            everything.put(index, value(random));
        }
        CheckpointStorage storage = CheckpointStorage.open(dir, limits);
        storage.load();

        long started = System.nanoTime();
        storage.save(128, digest(128), OBJECTS, everything);
        report("save of the whole state as one delta", started);

        started = System.nanoTime();
        storage.save(256, digest(256), OBJECTS, changed(random));
        report("save of " + CHANGED_PER_CHECKPOINT + " objects plus a compaction into a 100 MiB base", started);

        started = System.nanoTime();
        storage.save(384, digest(384), OBJECTS, changed(random));
        report("save of " + CHANGED_PER_CHECKPOINT + " objects (1 MiB)", started);

        started = System.nanoTime();
        LoadResult loaded = CheckpointStorage.open(dir, limits).load();
        report("load of the base image and one delta", started);
        assertEquals(OBJECTS, loaded.checkpoint().orElseThrow().objects().size());
        System.out.println("counters: " + storage.counters());
    }

    private static Map<Integer, Bytes> changed(Random random) {
        Map<Integer, Bytes> changed = new HashMap<>();
        while (changed.size() < CHANGED_PER_CHECKPOINT) {
            changed.put(random.nextInt(OBJECTS), value(random));
        }
        return changed;
    }

    private static Bytes value(Random random) {
        byte[] bytes = new byte[OBJECT_BYTES];
        random.nextBytes(bytes);
        return Bytes.wrap(bytes);
    }

    private static void report(String what, long startedNanos) {
        System.out.printf("%s: %d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
