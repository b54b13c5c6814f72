package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bftee.core.crypto.Digest;

/**
 * The manifest file, which names the current chain. Replacing it (temporary file, force, atomic rename,
 * directory force) is what makes a save or a compaction take effect. Big-endian:
 *
 * <pre>
 * magic        8 bytes   "BFTEEMNF"
 * version      int       1
 * object count int
 * has base     byte      0 or 1
 * base entry             if has base
 * delta count  int       at most {@link StorageLimits#DELTAS_PER_BASE_ABSOLUTE_MAX}
 * delta entries          oldest first
 * trailer      32 bytes  SHA-256 of every byte above
 *
 * entry: sequence long, state digest 32 bytes, file length long, file SHA-256 32 bytes
 * </pre>
 */
final class ManifestFile {

    static final String NAME = "manifest";

    /** "BFTEEMNF" in ASCII. */
    static final long MAGIC = 0x42465445_454D4E46L;

    static final int VERSION = 1;

    /** The largest manifest there can be; a longer file is refused before it is read. */
    static final long BYTES_MAX = Long.BYTES + Integer.BYTES + Integer.BYTES + Byte.BYTES + Integer.BYTES
            + (1L + StorageLimits.DELTAS_PER_BASE_ABSOLUTE_MAX) * ChainFile.MANIFEST_ENTRY_BYTES + Digest.LENGTH;

    private ManifestFile() {
    }

    /** Writes {@code manifest}'s body; the trailer is written by {@link ChecksummedOutput#finish()}. */
    static void write(ChecksummedOutput out, Manifest manifest) throws IOException {
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(manifest.objectCount());
        out.writeByte(manifest.base().isPresent() ? 1 : 0);
        if (manifest.base().isPresent()) {
            writeEntry(out, manifest.base().get());
        }
        out.writeInt(manifest.deltas().size());
        for (ChainFile delta : manifest.deltas()) {
            writeEntry(out, delta);
        }
    }

    /**
     * Reads and checks the manifest of {@code directory}.
     *
     * @throws CorruptCheckpointException if it is missing, damaged, of another format or for another object count
     */
    static Manifest read(Path directory, StorageLimits limits) throws IOException {
        Path file = directory.resolve(NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > BYTES_MAX) {
                throw new CorruptCheckpointException(file, size + " bytes, more than any manifest (" + BYTES_MAX + ")");
            }
            return read(new ChecksummedInput(channel, file, size), limits);
        } catch (NoSuchFileException e) {
            throw new CorruptCheckpointException(file, "missing, but the directory holds checkpoint files; "
                    + "the storage writes a manifest before any of them");
        }
    }

    private static Manifest read(ChecksummedInput input, StorageLimits limits) throws IOException {
        long magic = input.readLong();
        if (magic != MAGIC) {
            throw input.corrupt(String.format("not a manifest: magic %016x, expected %016x", magic, MAGIC));
        }
        int version = input.readInt();
        if (version != VERSION) {
            throw input.corrupt("format version " + version + ", but this build reads version " + VERSION);
        }
        int objectCount = input.readInt();
        if (objectCount != limits.objectCount()) {
            throw input.corrupt("describes a state of " + objectCount + " objects, but object-count is "
                    + limits.objectCount());
        }
        byte hasBase = input.readByte();
        if (hasBase != 0 && hasBase != 1) {
            throw input.corrupt("base flag " + hasBase + ", expected 0 or 1");
        }
        Optional<ChainFile> base = hasBase == 1 ? Optional.of(readEntry(input, ChainFile.Kind.BASE)) : Optional.empty();
        int deltaCount = input.readInt();
        if (deltaCount < 0 || deltaCount > StorageLimits.DELTAS_PER_BASE_ABSOLUTE_MAX) {
            throw input.corrupt("lists " + deltaCount + " deltas, outside 0 to "
                    + StorageLimits.DELTAS_PER_BASE_ABSOLUTE_MAX);
        }
        List<ChainFile> deltas = new ArrayList<>(deltaCount);
        long previous = base.map(ChainFile::sequence).orElse(Manifest.NO_CHECKPOINT);
        for (int i = 0; i < deltaCount; i++) {
            ChainFile delta = readEntry(input, ChainFile.Kind.DELTA);
            if (delta.sequence() <= previous) {
                throw input.corrupt("delta " + i + " is for checkpoint " + delta.sequence()
                        + ", not above the previous file's " + previous);
            }
            previous = delta.sequence();
            deltas.add(delta);
        }
        input.verifyTrailer();
        return new Manifest(objectCount, base, deltas);
    }

    private static void writeEntry(ChecksummedOutput out, ChainFile file) throws IOException {
        out.writeLong(file.sequence());
        out.writeDigest(file.digest());
        out.writeLong(file.length());
        out.writeDigest(file.sha256());
    }

    private static ChainFile readEntry(ChecksummedInput input, ChainFile.Kind kind) throws IOException {
        long sequence = input.readLong();
        if (sequence < 0) {
            throw input.corrupt(kind.prefix + " entry for negative checkpoint " + sequence);
        }
        Digest digest = input.readDigest();
        long length = input.readLong();
        Digest sha256 = input.readDigest();
        return new ChainFile(kind, sequence, digest, length, sha256);
    }
}
