package org.bftee.runtime.storage;

import static org.bftee.runtime.storage.TestCheckpoints.digest;
import static org.bftee.runtime.storage.TestCheckpoints.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStoreLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStorageTest {

    private static final int OBJECTS = 64;
    private static final StorageLimits LIMITS = new StorageLimits(OBJECTS, 256, 3, 1024 * 1024);

    @TempDir
    Path dir;

    @Test
    void emptyDirectoryLoadsNoCheckpoint() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir.resolve("replica-0"), LIMITS);
        LoadResult result = storage.load();
        assertEquals(new LoadResult(Optional.empty(), Optional.empty()), result);
        assertEquals(OptionalLong.empty(), storage.lastSavedSequence());
        assertEquals(List.of(ManifestFile.NAME), TestCheckpoints.fileNames(storage.directory()));
    }

    @Test
    void checkpointsRoundTripThroughCompactionsAndReopening() throws IOException {
        StateModel model = new StateModel(OBJECTS);
        Random random = new Random(7);
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS);
        storage.load();
        for (long sequence = 128; sequence <= 128 * 10; sequence += 128) {
            Map<Integer, Bytes> delta = TestCheckpoints.randomDelta(random, OBJECTS, 256);
            storage.save(sequence, digest(sequence), OBJECTS, delta);
            StoredCheckpoint expected = model.save(sequence, delta);

            CheckpointStorage reopened = CheckpointStorage.open(dir, LIMITS);
            assertEquals(new LoadResult(Optional.of(expected), Optional.empty()), reopened.load(), "at " + sequence);
            assertEquals(OptionalLong.of(sequence), reopened.lastSavedSequence());
        }
        // Ten saves with a compaction whenever the chain reaches three deltas: at the 3rd, 6th and 9th.
        assertEquals(3, storage.counters().compactions());
        assertEquals(List.of("base-00000000000000001152.ckpt", "delta-00000000000000001280.ckpt", "manifest"),
                TestCheckpoints.fileNames(dir));
    }

    @Test
    void compactionAlsoFollowsTheDeltaBytesLimit() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS.withDeltaBytesPerBaseMax(1000));
        storage.load();
        StateModel model = new StateModel(OBJECTS);
        Map<Integer, Bytes> small = Map.of(1, value("one"));
        Map<Integer, Bytes> large = Map.of(2, Bytes.wrap(new byte[200]), 3, Bytes.wrap(new byte[200]),
                4, Bytes.wrap(new byte[200]), 5, Bytes.wrap(new byte[200]));
        storage.save(1, digest(1), OBJECTS, small);
        model.save(1, small);
        assertEquals(0, storage.counters().compactions());
        storage.save(2, digest(2), OBJECTS, large);
        model.save(2, large);
        assertEquals(1, storage.counters().compactions());
        assertEquals(model.at(2), CheckpointStorage.open(dir, LIMITS).load().checkpoint().orElseThrow());
    }

    @Test
    void emptiedObjectsLeaveTheStateAndTheBaseImage() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS.withDeltasPerBaseMax(2));
        storage.load();
        storage.save(10, digest(10), OBJECTS, Map.of(0, value("a"), 5, value("b"), 63, value("c")));
        storage.save(20, digest(20), OBJECTS, Map.of(5, Bytes.EMPTY, 0, value("a2")));
        StoredCheckpoint loaded = CheckpointStorage.open(dir, LIMITS).load().checkpoint().orElseThrow();
        assertEquals(Map.of(0, value("a2"), 63, value("c")), loaded.objects());
        assertEquals(Bytes.EMPTY, loaded.object(5));
        assertEquals(digest(20), loaded.digest());
        assertEquals(1, storage.counters().compactions());
    }

    @Test
    void savesContinueTheChainAfterALoad() throws IOException {
        CheckpointStorage first = CheckpointStorage.open(dir, LIMITS);
        first.load();
        first.save(1, digest(1), OBJECTS, Map.of(1, value("x")));
        CheckpointStorage second = CheckpointStorage.open(dir, LIMITS);
        second.load();
        second.save(2, digest(2), OBJECTS, Map.of(2, value("y")));
        assertEquals(Map.of(1, value("x"), 2, value("y")),
                CheckpointStorage.open(dir, LIMITS).load().checkpoint().orElseThrow().objects());
    }

    @Test
    void aSaveRefusesCheckpointsNotAboveTheLastOne() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS);
        storage.load();
        storage.save(256, digest(256), OBJECTS, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> storage.save(256, digest(256), OBJECTS, Map.of()));
        assertEquals("checkpoint 256 is not above the last saved checkpoint 256 (and not negative): checkpoints "
                + "are saved in increasing order", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> storage.save(128, digest(128), OBJECTS, Map.of()));
        // A refused argument is the caller's bug, not a failed write: the storage still saves.
        storage.save(384, digest(384), OBJECTS, Map.of());
    }

    @Test
    void aSaveRefusesObjectsOutsideTheLimits() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS);
        storage.load();
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> storage.save(1, digest(1), OBJECTS + 1, Map.of()));
        assertEquals("checkpoint 1 has 65 objects, but this storage holds states of 64", count.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> storage.save(1, digest(1), OBJECTS, Map.of(3, Bytes.wrap(new byte[257]))));
        assertEquals("object 3: 257 bytes exceed object-bytes-max 256", size.getMessage());
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> storage.save(1, digest(1), OBJECTS, Map.of(64, value("x"))));
        assertEquals("object index 64 is outside the state of 64 objects", index.getMessage());
        assertThrows(IllegalArgumentException.class, () -> storage.save(-5, digest(1), OBJECTS, Map.of()));
    }

    @Test
    void aSaveBeforeLoadIsRefused() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> storage.save(1, digest(1), OBJECTS, Map.of()));
        assertTrue(e.getMessage().startsWith("call load() (or discardAll()) first"), e.getMessage());
    }

    @Test
    void afterAFailedWriteTheStorageSavesOnlyOnceLoadedAgain() throws IOException {
        StepObserver failingRename = new StepObserver() {
            private boolean failed;

            @Override
            public void before(StorageStep step, Path file) {
                if (step == StorageStep.RENAME && !failed) {
                    failed = true;
                    throw new IllegalStateException("injected failure");
                }
            }

            @Override
            public void after(StorageStep step, Path file) {
            }
        };
        CheckpointStorage.open(dir, LIMITS);
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS, failingRename, Forcing.TO_DISK);
        storage.load();
        assertThrows(IllegalStateException.class, () -> storage.save(1, digest(1), OBJECTS, Map.of()));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> storage.save(2, digest(2), OBJECTS, Map.of()));
        assertTrue(refused.getMessage().startsWith("an earlier write failed"), refused.getMessage());
        assertEquals(Optional.empty(), storage.load().checkpoint());
        storage.save(2, digest(2), OBJECTS, Map.of(0, value("z")));
        assertEquals(2, CheckpointStorage.open(dir, LIMITS).load().checkpoint().orElseThrow().sequence());
    }

    @Test
    void openDeletesTemporaryFilesAndLoadDeletesOrphansButNothingElse() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS);
        storage.load();
        storage.save(1, digest(1), OBJECTS, Map.of(1, value("x")));
        Files.write(dir.resolve("delta-00000000000000000002.ckpt.tmp"), new byte[10]);
        Files.write(dir.resolve("manifest.tmp"), new byte[10]);
        Files.write(dir.resolve("delta-00000000000000000002.ckpt"), new byte[10]);
        Files.write(dir.resolve("base-00000000000000000002.ckpt"), new byte[10]);
        Files.write(dir.resolve("notes.txt"), new byte[10]);

        CheckpointStorage reopened = CheckpointStorage.open(dir, LIMITS);
        assertEquals(List.of("base-00000000000000000002.ckpt", "delta-00000000000000000001.ckpt",
                "delta-00000000000000000002.ckpt", "manifest", "notes.txt"), TestCheckpoints.fileNames(dir));
        assertEquals(1, reopened.load().checkpoint().orElseThrow().sequence());
        assertEquals(List.of("delta-00000000000000000001.ckpt", "manifest", "notes.txt"),
                TestCheckpoints.fileNames(dir));
    }

    @Test
    void discardAllForgetsEveryCheckpoint() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS);
        storage.load();
        storage.save(1, digest(1), OBJECTS, Map.of(1, value("x")));
        storage.discardAll();
        assertEquals(List.of(ManifestFile.NAME), TestCheckpoints.fileNames(dir));
        assertEquals(OptionalLong.empty(), storage.lastSavedSequence());
        storage.save(1, digest(1), OBJECTS, Map.of(2, value("y")));
        assertEquals(Map.of(2, value("y")),
                CheckpointStorage.open(dir, LIMITS).load().checkpoint().orElseThrow().objects());
    }

    @Test
    void countersFollowTheWrites() throws IOException {
        CheckpointStorage storage = CheckpointStorage.open(dir, LIMITS);
        storage.load();
        StorageCounters counters = storage.counters();
        // The empty manifest of a new directory: one file, its force and the directory's.
        assertEquals(1, counters.filesWritten());
        assertEquals(2, counters.fsyncs());
        long bytesBefore = counters.bytesWritten();
        storage.save(1, digest(1), OBJECTS, Map.of(1, value("x")));
        assertEquals(3, counters.filesWritten());
        assertEquals(6, counters.fsyncs());
        long deltaBytes = Files.size(dir.resolve("delta-00000000000000000001.ckpt"));
        long manifestBytes = Files.size(dir.resolve(ManifestFile.NAME));
        assertEquals(bytesBefore + deltaBytes + manifestBytes, counters.bytesWritten());
        assertEquals(0, counters.compactions());
    }

    @Test
    void limitsAreCheckedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StorageLimits(0, 1, StorageLimits.DELTAS_PER_BASE_ABSOLUTE_MAX + 1, -1));
        assertEquals("object-count must be positive, got 0; deltas-per-base-max (1025) exceeds the hard maximum "
                + "of 1024; delta-bytes-per-base-max must be positive, got -1", e.getMessage());
        StorageLimits forStore = StorageLimits.forStore(ObjectStoreLimits.defaults());
        assertEquals(4096, forStore.objectCount());
        assertEquals(64 * 1024, forStore.objectBytesMax());
        assertFalse(forStore.deltaBytesPerBaseMax() < forStore.objectBytesMax());
    }
}
