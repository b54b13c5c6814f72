package org.bftee.runtime.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/** Digests, values, deltas and directory copies for the storage tests. */
final class TestCheckpoints {

    private TestCheckpoints() {
    }

    /** Storage that skips forcing, for the tests that crash in-process thousands of times (see {@link Forcing}). */
    static CheckpointStorage openUnforced(Path directory, StorageLimits limits) throws IOException {
        return openUnforced(directory, limits, StepObserver.NONE);
    }

    static CheckpointStorage openUnforced(Path directory, StorageLimits limits, StepObserver observer)
            throws IOException {
        return CheckpointStorage.open(directory, limits, observer, Forcing.SKIPPED_IN_CRASH_TESTS);
    }

    /** A digest that names its checkpoint, so that a digest from the wrong checkpoint shows in a failure. */
    static Digest digest(long sequence) {
        byte[] bytes = new byte[Digest.LENGTH];
        ByteBuffer.wrap(bytes).putLong(sequence).putLong(~sequence).putLong(sequence * 31).putLong(0x5eed);
        return Digest.of(bytes);
    }

    static Bytes value(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A value of 0 to {@code bytesMax} random bytes; about one in six is empty. */
    static Bytes randomValue(Random random, int bytesMax) {
        if (random.nextInt(6) == 0) {
            return Bytes.EMPTY;
        }
        byte[] bytes = new byte[1 + random.nextInt(bytesMax)];
        random.nextBytes(bytes);
        return Bytes.wrap(bytes);
    }

    /** Up to {@code objectCount} changed objects at random indices, some emptied. */
    static Map<Integer, Bytes> randomDelta(Random random, int objectCount, int bytesMax) {
        return randomDelta(random, objectCount, bytesMax, objectCount);
    }

    /** Up to {@code changesMax} changed objects at random indices, some emptied. */
    static Map<Integer, Bytes> randomDelta(Random random, int objectCount, int bytesMax, int changesMax) {
        Map<Integer, Bytes> delta = new HashMap<>();
        int changes = random.nextInt(changesMax + 1);
        for (int i = 0; i < changes; i++) {
            delta.put(random.nextInt(objectCount), randomValue(random, bytesMax));
        }
        return delta;
    }

    /** Copies the regular files of {@code from} into a new directory {@code to}. */
    static Path copyDirectory(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the files in {@code directory}, sorted. */
    static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
