package org.bftee.runtime.storage;

import static org.bftee.runtime.storage.TestCheckpoints.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's own checks, below the manifest's length: a file cut anywhere whose manifest entry agrees
 * with its length (as if the manifest were written after the damage) still fails on a bound or the hash,
 * and values larger than the I/O buffer round-trip.
 */
class CheckpointFileReaderTest {

    private static final StorageLimits LIMITS = new StorageLimits(8, 3 * 1024 * 1024, 4, 1024 * 1024);

    @TempDir
    Path dir;

    @Test
    void valuesLargerThanTheBufferRoundTrip() throws IOException {
        Random random = new Random(3);
        SortedMap<Integer, Bytes> objects = new TreeMap<>();
        objects.put(0, value(random, 10));
        objects.put(1, value(random, ChecksummedOutput.BUFFER_BYTES + ChecksummedOutput.BUFFER_BYTES / 2));
        objects.put(2, value(random, 100));
        objects.put(4, value(random, 3 * 1024 * 1024));
        objects.put(7, Bytes.EMPTY);
        ChainFile file = writeDelta(objects);
        assertEquals(objects, CheckpointFileReader.readAll(dir, file, Manifest.NO_CHECKPOINT, LIMITS));
    }

    @Test
    void aFileCutAnywhereFailsItsOwnChecks() throws IOException {
        SortedMap<Integer, Bytes> objects = new TreeMap<>();
        objects.put(1, TestCheckpoints.value("first"));
        objects.put(5, TestCheckpoints.value("second"));
        ChainFile file = writeDelta(objects);
        Path path = dir.resolve(file.fileName());
        byte[] intact = Files.readAllBytes(path);
        for (int length = 0; length < intact.length; length++) {
            Files.write(path, Arrays.copyOf(intact, length));
            ChainFile agreeing = new ChainFile(file.kind(), file.sequence(), file.digest(), length, file.sha256());
            CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
                    () -> CheckpointFileReader.readAll(dir, agreeing, Manifest.NO_CHECKPOINT, LIMITS),
                    "cut at " + length);
            assertEquals(path, e.file());
        }
    }

    private ChainFile writeDelta(SortedMap<Integer, Bytes> objects) throws IOException {
        DurableDirectory directory = new DurableDirectory(dir, StepObserver.NONE, Forcing.TO_DISK, new StorageCounters());
        String name = ChainFile.fileName(ChainFile.Kind.DELTA, 9);
        WrittenFile written = directory.writeAtomically(name, out -> {
            CheckpointFileWriter writer = new CheckpointFileWriter(out, ChainFile.Kind.DELTA, LIMITS.objectCount(), 9,
                    Manifest.NO_CHECKPOINT, digest(9));
            for (var object : objects.entrySet()) {
                writer.write(object.getKey(), object.getValue());
            }
            writer.end();
        });
        assertEquals(Files.size(dir.resolve(name)), written.length());
        return new ChainFile(ChainFile.Kind.DELTA, 9, digest(9), written.length(), written.sha256());
    }

    private static Bytes value(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Bytes.wrap(bytes);
    }
}
