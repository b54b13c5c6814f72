package org.bftee.runtime.storage;

import static org.bftee.runtime.storage.TestCheckpoints.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.bftee.core.message.Bytes;
import org.bftee.runtime.storage.StepScript.SimulatedCrash;
import org.bftee.runtime.storage.StepScript.WrittenTemporary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes at every step of a save and of a compaction, and cuts every file they write at every length:
 * a restart must find exactly the previous checkpoint or the new one.
 */
class CheckpointStorageCrashTest {

    private static final int OBJECTS = 16;
    private static final int OBJECT_BYTES_MAX = 24;
    /** Compacts when the chain reaches three deltas: the third save of a chain also compacts. */
    private static final StorageLimits LIMITS = new StorageLimits(OBJECTS, OBJECT_BYTES_MAX, 3, 1024 * 1024);
    private static final String MANIFEST_COMMIT = "before RENAME " + ManifestFile.NAME;

    @TempDir
    Path dir;

    @Test
    void crashAtEveryStepOfTheFirstSave() throws IOException {
        crashAtEveryStepOfSave(0, false);
    }

    @Test
    void crashAtEveryStepOfASave() throws IOException {
        // Three saves, compacted at the third: the chain is a base image and a delta before the save.
        crashAtEveryStepOfSave(4, false);
    }

    @Test
    void crashAtEveryStepOfASaveThatCompacts() throws IOException {
        crashAtEveryStepOfSave(5, true);
    }

    @Test
    void everyCutOfTheFilesOfASaveLoadsTheOldOrTheNewCheckpoint() throws IOException {
        StateModel model = saveCheckpoints(dir.resolve("baseline"), 4);
        StoredCheckpoint old = model.newest().orElseThrow();
        Map<Integer, Bytes> delta = delta(5);
        StoredCheckpoint next = model.save(5, delta);
        List<WrittenTemporary> written = recordSave(5, delta);
        assertEquals(List.of("delta-00000000000000000005.ckpt.tmp", "manifest.tmp"),
                written.stream().map(WrittenTemporary::name).toList());
        byte[] deltaFile = written.get(0).content();
        String deltaName = written.get(0).targetName();
        byte[] manifest = written.get(1).content();
        Path work = attempt("work");

        for (int length = 0; length <= deltaFile.length; length++) {
            String at = "delta cut at " + length;
            byte[] cut = Arrays.copyOf(deltaFile, length);
            // A crash while the delta was written: its temporary file is ignored.
            assertEquals(complete(old), loadWith(work, Map.of(deltaName + ".tmp", cut)), at);
            // The rename done but not the content (a file system that breaks the order the storage relies
            // on), the manifest not yet renamed: the delta is an orphan.
            assertEquals(complete(old), loadWith(work, Map.of(deltaName, cut)), at);
            // The same, with the new manifest durable: the cut delta is detected and skipped.
            LoadResult result = loadWith(work, Map.of(deltaName, cut, ManifestFile.NAME, manifest));
            if (length == deltaFile.length) {
                assertEquals(complete(next), result, at);
            } else {
                assertEquals(Optional.of(old), result.checkpoint(), at);
                SkippedCheckpoints skipped = result.skipped().orElseThrow();
                assertEquals(work.resolve(deltaName), skipped.damagedFile(), at);
                assertEquals(5, skipped.firstSequence(), at);
            }
        }
        for (int length = 0; length <= manifest.length; length++) {
            String at = "manifest cut at " + length;
            byte[] cut = Arrays.copyOf(manifest, length);
            assertEquals(complete(old), loadWith(work, Map.of(deltaName, deltaFile, "manifest.tmp", cut)), at);
            if (length < manifest.length) {
                // A manifest renamed without its content is refused, never read in part.
                CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
                        () -> loadWith(work, Map.of(deltaName, deltaFile, ManifestFile.NAME, cut)), at);
                assertEquals(work.resolve(ManifestFile.NAME), e.file(), at);
            }
        }
    }

    @Test
    void everyCutOfTheBaseImageOfACompactionLoadsTheCompactedCheckpoint() throws IOException {
        StateModel model = saveCheckpoints(dir.resolve("baseline"), 5);
        Map<Integer, Bytes> delta = delta(6);
        StoredCheckpoint next = model.save(6, delta);
        List<WrittenTemporary> written = recordSave(6, delta);
        WrittenTemporary base = written.get(2);
        assertEquals("base-00000000000000000006.ckpt.tmp", base.name());

        // The baseline with the save's delta and manifest durable: the compaction has not begun.
        Path work = attempt("work");
        for (WrittenTemporary file : written.subList(0, 2)) {
            Files.write(work.resolve(file.targetName()), file.content());
        }
        for (int length = 0; length <= base.content().length; length++) {
            String at = "base image cut at " + length;
            byte[] cut = Arrays.copyOf(base.content(), length);
            assertEquals(complete(next), loadWith(work, Map.of(base.name(), cut)), at);
            assertEquals(complete(next), loadWith(work, Map.of(base.targetName(), cut)), at);
        }
    }

    /**
     * Loads {@code work} with {@code files} written into it, then puts it back as it was: the extra files
     * deleted (if the load has not) and the files they replaced restored. Cheaper than a copy per attempt.
     */
    private static LoadResult loadWith(Path work, Map<String, byte[]> files) throws IOException {
        Map<String, byte[]> replaced = new HashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = work.resolve(file.getKey());
            if (Files.exists(path)) {
                replaced.put(file.getKey(), Files.readAllBytes(path));
            }
            Files.write(path, file.getValue());
        }
        try {
            return load(work);
        } finally {
            for (String name : files.keySet()) {
                Files.deleteIfExists(work.resolve(name));
            }
            for (Map.Entry<String, byte[]> file : replaced.entrySet()) {
                Files.write(work.resolve(file.getKey()), file.getValue());
            }
        }
    }

    /**
     * Saves {@code baselineSaves} checkpoints, then crashes the next save at each of its step points in
     * turn, on a copy of the directory each time, and restarts: the restarted storage must load the
     * previous checkpoint if the crash came before the manifest's rename and the new one after it, with
     * nothing skipped, and must go on saving from there.
     */
    private void crashAtEveryStepOfSave(int baselineSaves, boolean compacts) throws IOException {
        StateModel model = saveCheckpoints(dir.resolve("baseline"), baselineSaves);
        Optional<StoredCheckpoint> old = model.newest();
        long sequence = baselineSaves + 1;
        Map<Integer, Bytes> delta = delta(sequence);
        StoredCheckpoint next = model.save(sequence, delta);

        StepScript recording = new StepScript();
        Path recorded = attempt("recorded");
        CheckpointStorage storage = TestCheckpoints.openUnforced(recorded, LIMITS, recording);
        storage.load();
        recording.record();
        storage.save(sequence, digest(sequence), OBJECTS, delta);
        List<String> points = recording.reached();
        assertEquals(compacts ? 1 : 0, storage.counters().compactions());
        int commit = points.indexOf(MANIFEST_COMMIT);
        assertTrue(commit > 0, points::toString);

        for (int point = 0; point < points.size(); point++) {
            String at = "crash at " + point + ", " + points.get(point) + ", of " + points;
            Path attempt = attempt("crash-" + point);
            StepScript crashing = new StepScript();
            CheckpointStorage crashed = TestCheckpoints.openUnforced(attempt, LIMITS, crashing);
            crashed.load();
            crashing.arm(point);
            assertThrows(SimulatedCrash.class, () -> crashed.save(sequence, digest(sequence), OBJECTS, delta), at);

            LoadResult restarted = load(attempt);
            assertEquals(point <= commit ? complete(old) : complete(next), restarted, at);
            assertFalse(Files.exists(attempt.resolve(ManifestFile.NAME + DurableDirectory.TEMPORARY_SUFFIX)), at);
            saveAfterRestart(attempt, restarted, at);
        }
    }

    /** The restarted replica saves its next checkpoint over what it loaded, and that loads back. */
    private void saveAfterRestart(Path directory, LoadResult restarted, String at) throws IOException {
        StateModel model = new StateModel(OBJECTS);
        model.restartFrom(restarted.checkpoint());
        CheckpointStorage storage = TestCheckpoints.openUnforced(directory, LIMITS);
        storage.load();
        long sequence = 100;
        Map<Integer, Bytes> delta = delta(sequence);
        storage.save(sequence, digest(sequence), OBJECTS, delta);
        assertEquals(complete(model.save(sequence, delta)), load(directory), at);
    }

    /** Saves checkpoints 1 to {@code count} in a new directory and returns the model of what they hold. */
    private StateModel saveCheckpoints(Path directory, int count) throws IOException {
        StateModel model = new StateModel(OBJECTS);
        CheckpointStorage storage = TestCheckpoints.openUnforced(directory, LIMITS);
        storage.load();
        for (long sequence = 1; sequence <= count; sequence++) {
            Map<Integer, Bytes> delta = delta(sequence);
            storage.save(sequence, digest(sequence), OBJECTS, delta);
            model.save(sequence, delta);
        }
        return model;
    }

    /** Saves checkpoint {@code sequence} on a copy of the baseline and returns the temporary files it wrote. */
    private List<WrittenTemporary> recordSave(long sequence, Map<Integer, Bytes> delta) throws IOException {
        StepScript recording = new StepScript();
        CheckpointStorage storage = TestCheckpoints.openUnforced(attempt("recorded"), LIMITS, recording);
        storage.load();
        recording.record();
        storage.save(sequence, digest(sequence), OBJECTS, delta);
        return recording.temporaryFiles();
    }

    /** A few objects changed, the same for a sequence number in every test run. */
    private static Map<Integer, Bytes> delta(long sequence) {
        return TestCheckpoints.randomDelta(new Random(sequence), OBJECTS, OBJECT_BYTES_MAX, 4);
    }

    private Path attempt(String name) {
        return TestCheckpoints.copyDirectory(dir.resolve("baseline"), dir.resolve(name));
    }

    private static LoadResult load(Path directory) throws IOException {
        return TestCheckpoints.openUnforced(directory, LIMITS).load();
    }

    private static LoadResult complete(StoredCheckpoint checkpoint) {
        return complete(Optional.of(checkpoint));
    }

    private static LoadResult complete(Optional<StoredCheckpoint> checkpoint) {
        return new LoadResult(checkpoint, Optional.empty());
    }
}
