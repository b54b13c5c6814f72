package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/**
 * Streams the records of one base image or delta and checks that the file is the one the manifest lists:
 * its length, its header (format, kind, object count, sequence number, previous checkpoint, digest), every
 * index and length against the limits before anything is allocated, and at the end its SHA-256 against
 * both its trailer and the manifest. Nothing read may be used before {@link #next()} has returned
 * {@code null}, since only then has the hash been checked.
 */
final class CheckpointFileReader implements AutoCloseable {

    private final FileChannel channel;
    private final ChecksummedInput input;
    private final ChainFile expected;
    private final StorageLimits limits;
    private int recordCount;
    private int previousIndex = -1;

    private CheckpointFileReader(FileChannel channel, ChecksummedInput input, ChainFile expected,
            StorageLimits limits) {
        this.channel = channel;
        this.input = input;
        this.expected = expected;
        this.limits = limits;
    }

    /**
     * Opens {@code expected}'s file in {@code directory} and checks its length and header.
     *
     * @param previousSequence the checkpoint the file must apply to: the chain's previous file, or
     *                         {@link Manifest#NO_CHECKPOINT} for a base image and for a first delta
     */
    static CheckpointFileReader open(Path directory, ChainFile expected, long previousSequence, StorageLimits limits)
            throws IOException {
        Path file = directory.resolve(expected.fileName());
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CorruptCheckpointException(file, "missing, but the manifest lists it for checkpoint "
                    + expected.sequence());
        }
        try {
            long size = channel.size();
            if (size != expected.length()) {
                throw new CorruptCheckpointException(file, size + " bytes, but the manifest recorded "
                        + expected.length() + ": truncated or replaced");
            }
            CheckpointFileReader reader = new CheckpointFileReader(channel, new ChecksummedInput(channel, file, size),
                    expected, limits);
            reader.readHeader(previousSequence);
            return reader;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads the whole file into a map by index, checked; for deltas, which are bounded by the compaction limits. */
    static SortedMap<Integer, Bytes> readAll(Path directory, ChainFile expected, long previousSequence,
            StorageLimits limits) throws IOException {
        SortedMap<Integer, Bytes> objects = new TreeMap<>();
        try (CheckpointFileReader reader = open(directory, expected, previousSequence, limits)) {
            for (ObjectRecord record = reader.next(); record != null; record = reader.next()) {
                objects.put(record.index(), record.value());
            }
        }
        return objects;
    }

    Path file() {
        return input.file();
    }

    /**
     * The next record, or {@code null} once the end of the records, the record count and the hash have
     * been checked.
     */
    ObjectRecord next() throws IOException {
        long offset = input.position();
        int index = input.readInt();
        if (index == CheckpointFileFormat.END_OF_RECORDS) {
            checkEnd();
            return null;
        }
        if (index < 0 || index >= limits.objectCount()) {
            throw input.corrupt("record at offset " + offset + ": object index " + index
                    + " is outside the state of " + limits.objectCount() + " objects");
        }
        if (index <= previousIndex) {
            throw input.corrupt("record at offset " + offset + ": object index " + index
                    + " does not follow the previous record's " + previousIndex);
        }
        int length = input.readInt();
        if (length < 0 || length > limits.objectBytesMax()) {
            throw input.corrupt("record at offset " + offset + ": object " + index + " declares " + length
                    + " bytes, outside 0 to object-bytes-max " + limits.objectBytesMax());
        }
        if (length == 0 && expected.kind() == ChainFile.Kind.BASE) {
            throw input.corrupt("record at offset " + offset + ": object " + index
                    + " is empty, but a base image holds non-empty objects only");
        }
        Bytes value = input.readBytes(length, "object " + index);
        previousIndex = index;
        recordCount++;
        return new ObjectRecord(index, value);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void readHeader(long previousSequence) throws IOException {
        long magic = input.readLong();
        if (magic != CheckpointFileFormat.MAGIC) {
            throw input.corrupt(String.format("not a checkpoint file: magic %016x, expected %016x", magic,
                    CheckpointFileFormat.MAGIC));
        }
        int version = input.readInt();
        if (version != CheckpointFileFormat.VERSION) {
            throw input.corrupt("format version " + version + ", but this build reads version "
                    + CheckpointFileFormat.VERSION);
        }
        int kind = input.readByte();
        expect("kind", kind, expected.kind().tag);
        int objectCount = input.readInt();
        if (objectCount != limits.objectCount()) {
            throw input.corrupt("holds a state of " + objectCount + " objects, but object-count is "
                    + limits.objectCount());
        }
        expect("sequence number", input.readLong(), expected.sequence());
        expect("previous checkpoint", input.readLong(), previousSequence);
        Digest digest = input.readDigest();
        if (!digest.equals(expected.digest())) {
            throw input.corrupt("state digest " + digest + ", but the manifest recorded " + expected.digest());
        }
    }

    private void checkEnd() throws IOException {
        int count = input.readInt();
        if (count != recordCount) {
            throw input.corrupt("the end says " + count + " records, but the file holds " + recordCount);
        }
        Digest sha256 = input.verifyTrailer();
        if (!sha256.equals(expected.sha256())) {
            throw input.corrupt("content hashes to " + sha256 + ", but the manifest recorded " + expected.sha256()
                    + ": the file was replaced");
        }
    }

    private void expect(String field, long found, long wanted) throws CorruptCheckpointException {
        if (found != wanted) {
            throw input.corrupt(field + " " + found + ", but the manifest says " + wanted);
        }
    }
}
