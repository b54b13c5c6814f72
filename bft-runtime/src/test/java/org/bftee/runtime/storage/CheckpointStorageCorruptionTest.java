package org.bftee.runtime.storage;

import static org.bftee.runtime.storage.TestCheckpoints.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: a damaged manifest is reported by a {@link CorruptCheckpointException} naming it; a damaged
 * base image or delta ends the chain, and the load returns the checkpoint before it and names it. Never a
 * mix of checkpoints, never another exception.
 *
 * <p>The chain under test: checkpoints 1 to 5 saved with compaction at three deltas, so a base image of
 * checkpoint 3 and the deltas of 4 and 5.
 */
class CheckpointStorageCorruptionTest {

    private static final int OBJECTS = 16;
    private static final int OBJECT_BYTES_MAX = 24;
    private static final StorageLimits LIMITS = new StorageLimits(OBJECTS, OBJECT_BYTES_MAX, 3, 1024 * 1024);
    private static final String BASE_3 = "base-00000000000000000003.ckpt";
    private static final String DELTA_4 = "delta-00000000000000000004.ckpt";
    private static final String DELTA_5 = "delta-00000000000000000005.ckpt";
    /** Offset of the first record's length field in a delta whose first record exists. */
    private static final int FIRST_LENGTH_OFFSET = CheckpointFileFormat.HEADER_BYTES + Integer.BYTES;

    @TempDir
    Path dir;

    private Path baseline;
    private final StateModel model = new StateModel(OBJECTS);
    private int attempts;

    @BeforeEach
    void saveTheChain() throws IOException {
        baseline = dir.resolve("baseline");
        CheckpointStorage storage = TestCheckpoints.openUnforced(baseline, LIMITS);
        storage.load();
        Random random = new Random(11);
        for (long sequence = 1; sequence <= 5; sequence++) {
            Map<Integer, Bytes> delta = TestCheckpoints.randomDelta(random, OBJECTS, OBJECT_BYTES_MAX, 6);
            // Every delta changes object 0, so that each has a first record to damage.
            delta.put(0, TestCheckpoints.value("object zero at " + sequence));
            storage.save(sequence, digest(sequence), OBJECTS, delta);
            model.save(sequence, delta);
        }
        assertEquals(List.of(BASE_3, DELTA_4, DELTA_5, ManifestFile.NAME), TestCheckpoints.fileNames(baseline));
    }

    @Test
    void aFlippedByteAnywhereIsDetected() throws IOException {
        // One copy of the chain, each file damaged and then restored in turn: a load that skips writes nothing.
        Path copy = copy();
        for (String name : TestCheckpoints.fileNames(baseline)) {
            byte[] intact = Files.readAllBytes(baseline.resolve(name));
            for (int offset = 0; offset < intact.length; offset++) {
                byte[] flipped = intact.clone();
                flipped[offset] ^= (byte) 0x5a;
                Files.write(copy.resolve(name), flipped);
                expectDamaged(copy, name, "byte " + offset + " of " + name + " flipped");
            }
            Files.write(copy.resolve(name), intact);
        }
    }

    @Test
    void aTruncatedFileIsDetectedWhateverItsLength() throws IOException {
        Path copy = copy();
        for (String name : TestCheckpoints.fileNames(baseline)) {
            byte[] intact = Files.readAllBytes(baseline.resolve(name));
            for (int length = 0; length < intact.length; length++) {
                Files.write(copy.resolve(name), Arrays.copyOf(intact, length));
                expectDamaged(copy, name, name + " cut to " + length + " bytes");
            }
            Files.write(copy.resolve(name), intact);
        }
    }

    @Test
    void aDeletedFileIsDetected() throws IOException {
        for (String name : TestCheckpoints.fileNames(baseline)) {
            Path copy = copy();
            Files.delete(copy.resolve(name));
            String problem = expectDamaged(copy, name, name + " deleted");
            assertTrue(problem.startsWith("missing"), problem);
        }
    }

    @Test
    void aDeltaOfAnotherFormatIsReportedAsSuch() throws IOException {
        Path copy = copy();
        Tamper.putInt(copy.resolve(DELTA_5), 0, 0x504b0304);
        assertEquals("not a checkpoint file: magic 504b030445434b50, expected 4246544545434b50",
                expectDamaged(copy, DELTA_5, "magic"));

        copy = copy();
        Tamper.putInt(copy.resolve(DELTA_5), Long.BYTES, 2);
        assertEquals("format version 2, but this build reads version 1", expectDamaged(copy, DELTA_5, "version"));

        copy = copy();
        Tamper.putInt(copy.resolve(ManifestFile.NAME), Long.BYTES, 9);
        assertEquals("format version 9, but this build reads version 1",
                expectDamaged(copy, ManifestFile.NAME, "manifest version"));
    }

    @Test
    void anOversizedDeclaredLengthIsRefusedBeforeAllocating() throws IOException {
        for (int length : new int[] {Integer.MAX_VALUE, OBJECT_BYTES_MAX + 1, -1}) {
            // Checksums fixed too, so that it is the bound that refuses the length, not the hash.
            Path copy = copy();
            Tamper.rewrite(copy.resolve(DELTA_4), body -> body.putInt(FIRST_LENGTH_OFFSET, length));
            assertEquals("record at offset " + CheckpointFileFormat.HEADER_BYTES + ": object 0 declares " + length
                    + " bytes, outside 0 to object-bytes-max " + OBJECT_BYTES_MAX,
                    expectDamaged(copy, DELTA_4, "length " + length));
        }
    }

    @Test
    void aRecordOutsideTheStateOrOutOfOrderIsRefused() throws IOException {
        Path copy = copy();
        Tamper.rewrite(copy.resolve(DELTA_5), body -> body.putInt(CheckpointFileFormat.HEADER_BYTES, OBJECTS));
        assertEquals("record at offset " + CheckpointFileFormat.HEADER_BYTES + ": object index 16 is outside the "
                + "state of 16 objects", expectDamaged(copy, DELTA_5, "index out of range"));

        copy = copy();
        Tamper.rewrite(copy.resolve(DELTA_5), body -> body.putInt(body.limit() - Integer.BYTES, 99));
        String problem = expectDamaged(copy, DELTA_5, "record count");
        assertTrue(problem.startsWith("the end says 99 records, but the file holds "), problem);
    }

    @Test
    void aWrongObjectCountIsRefused() throws IOException {
        Path copy = copy();
        Tamper.rewrite(copy.resolve(DELTA_4), body -> body.putInt(Long.BYTES + Integer.BYTES + Byte.BYTES, 17));
        assertEquals("holds a state of 17 objects, but object-count is 16", expectDamaged(copy, DELTA_4, "count"));

        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
                () -> TestCheckpoints.openUnforced(copy(), new StorageLimits(OBJECTS + 1, OBJECT_BYTES_MAX, 3, 1024))
                        .load());
        assertEquals("describes a state of 16 objects, but object-count is 17", e.problem());
    }

    @Test
    void aFileReplacedByAnotherValidOneIsDetected() throws IOException {
        // The same sequence number saved elsewhere with other objects, copied over the chain's delta.
        Path other = dir.resolve("other");
        CheckpointStorage storage = TestCheckpoints.openUnforced(other, LIMITS);
        storage.load();
        storage.save(4, digest(4), OBJECTS, Map.of(0, TestCheckpoints.value("other zero at 4")));
        Path copy = copy();
        Files.copy(other.resolve(DELTA_4), copy.resolve(DELTA_4), StandardCopyOption.REPLACE_EXISTING);
        expectDamaged(copy, DELTA_4, "replaced");
    }

    @Test
    void aDamagedChainIsExtendedFromItsIntactPrefixAndTheDamageDropped() throws IOException {
        Path copy = copy();
        Tamper.flipByte(copy.resolve(DELTA_5), 100);
        CheckpointStorage storage = TestCheckpoints.openUnforced(copy, LIMITS);
        LoadResult result = storage.load();
        assertEquals(Optional.of(model.at(4)), result.checkpoint());
        assertEquals(4, storage.lastSavedSequence().getAsLong());
        // Checkpoint 5 again: the new delta replaces the damaged one, which the manifest stops listing.
        StateModel restarted = new StateModel(OBJECTS);
        restarted.restartFrom(result.checkpoint());
        Map<Integer, Bytes> delta = Map.of(7, TestCheckpoints.value("redone"));
        storage.save(5, digest(5), OBJECTS, delta);
        assertEquals(new LoadResult(Optional.of(restarted.save(5, delta)), Optional.empty()),
                TestCheckpoints.openUnforced(copy, LIMITS).load());
    }

    @Test
    void aReplicaWhoseManifestIsDamagedDiscardsEverythingAndStartsAgain() throws IOException {
        Path copy = copy();
        Tamper.flipByte(copy.resolve(ManifestFile.NAME), 20);
        CheckpointStorage storage = TestCheckpoints.openUnforced(copy, LIMITS);
        assertThrows(CorruptCheckpointException.class, storage::load);
        storage.discardAll();
        assertEquals(List.of(ManifestFile.NAME), TestCheckpoints.fileNames(copy));
        Map<Integer, Bytes> fetched = Map.of(3, TestCheckpoints.value("fetched"));
        storage.save(9, digest(9), OBJECTS, fetched);
        StateModel restarted = new StateModel(OBJECTS);
        assertEquals(new LoadResult(Optional.of(restarted.save(9, fetched)), Optional.empty()),
                TestCheckpoints.openUnforced(copy, LIMITS).load());
    }

    /**
     * Loads {@code directory}, in which file {@code name} was damaged, and checks the documented outcome;
     * returns the problem reported.
     */
    private String expectDamaged(Path directory, String name, String what) {
        LoadResult result;
        try {
            result = TestCheckpoints.openUnforced(directory, LIMITS).load();
        } catch (CorruptCheckpointException e) {
            assertEquals(ManifestFile.NAME, name, what + ": " + e.getMessage());
            assertEquals(directory.resolve(ManifestFile.NAME), e.file(), what);
            return e.problem();
        } catch (IOException | RuntimeException | Error e) {
            throw new AssertionError(what + ": unexpected " + e, e);
        }
        if (name.equals(ManifestFile.NAME)) {
            fail(what + ": loaded " + result);
        }
        long damaged = Long.parseLong(name.substring(name.indexOf('-') + 1, name.indexOf('.')));
        Optional<StoredCheckpoint> before = damaged == 3 ? Optional.empty() : Optional.of(model.at(damaged - 1));
        assertEquals(before, result.checkpoint(), what);
        SkippedCheckpoints skipped = result.skipped().orElseThrow(() -> new AssertionError(what + ": nothing skipped"));
        assertEquals(directory.resolve(name), skipped.damagedFile(), what);
        assertEquals(damaged, skipped.firstSequence(), what);
        assertEquals(5, skipped.newestSequence(), what);
        assertFalse(result.isComplete(), what);
        return skipped.problem();
    }

    private Path copy() {
        return TestCheckpoints.copyDirectory(baseline, dir.resolve("attempt-" + attempts++));
    }
}
