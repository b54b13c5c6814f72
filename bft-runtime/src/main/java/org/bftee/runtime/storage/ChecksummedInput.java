package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/**
 * Reads a file written by {@link ChecksummedOutput}: fields from its body while hashing them, then the
 * trailer, which must equal the hash. Every read is checked against the body's remaining length first,
 * so a truncated file or a corrupted length is reported, never read past or allocated for.
 */
final class ChecksummedInput {

    private final ReadableByteChannel channel;
    private final Path file;
    private final long bodyLength;
    private final MessageDigest sha256 = Sha256.newDigester();
    private final ByteBuffer buffer;
    private long position;

    /**
     * @param fileLength the file's size; the body is everything but the {@link Digest#LENGTH}-byte trailer
     * @throws CorruptCheckpointException if the file is too short to hold even the trailer
     */
    ChecksummedInput(ReadableByteChannel channel, Path file, long fileLength) throws CorruptCheckpointException {
        this.channel = channel;
        this.file = file;
        this.bodyLength = fileLength - Digest.LENGTH;
        if (bodyLength < 0) {
            throw corrupt("only " + fileLength + " bytes, shorter than the " + Digest.LENGTH + "-byte checksum");
        }
        // No larger than the body: a manifest or a small delta is read without a 1 MiB buffer.
        this.buffer = ByteBuffer.allocate((int) Math.min(ChecksummedOutput.BUFFER_BYTES, bodyLength));
        buffer.limit(0);
    }

    Path file() {
        return file;
    }

    /** Offset in the file of the next field, for error messages. */
    long position() {
        return position;
    }

    /** Body bytes not read yet. */
    long remaining() {
        return bodyLength - position;
    }

    byte readByte() throws IOException {
        return fill(Byte.BYTES, "a byte").get();
    }

    int readInt() throws IOException {
        return fill(Integer.BYTES, "an int").getInt();
    }

    long readLong() throws IOException {
        return fill(Long.BYTES, "a long").getLong();
    }

    Digest readDigest() throws IOException {
        return Digest.read(fill(Digest.LENGTH, "a digest"));
    }

    /** Reads {@code length} bytes; the caller has checked it against its limit, this checks it against the file. */
    Bytes readBytes(int length, String what) throws IOException {
        require(length, what);
        byte[] value = new byte[length];
        int copied = Math.min(length, buffer.remaining());
        buffer.get(value, 0, copied);
        if (copied < length) {
            ByteBuffer rest = ByteBuffer.wrap(value, copied, length - copied);
            readFully(rest);
            sha256.update(value, copied, length - copied);
        }
        position += length;
        return Bytes.wrap(value);
    }

    /**
     * Checks that the whole body was read and that the trailer equals the SHA-256 of the body.
     *
     * @return that SHA-256, which the manifest also records
     */
    Digest verifyTrailer() throws IOException {
        if (remaining() != 0) {
            throw corrupt(remaining() + " unexpected bytes after the last field at offset " + position);
        }
        Digest computed = Digest.of(sha256.digest());
        ByteBuffer trailer = ByteBuffer.allocate(Digest.LENGTH);
        readFully(trailer);
        trailer.flip();
        Digest stored = Digest.read(trailer);
        if (!stored.equals(computed)) {
            throw corrupt("checksum mismatch: the file's trailer says " + stored + ", its content hashes to "
                    + computed);
        }
        return computed;
    }

    CorruptCheckpointException corrupt(String problem) {
        return new CorruptCheckpointException(file, problem);
    }

    private ByteBuffer fill(int bytes, String what) throws IOException {
        require(bytes, what);
        if (buffer.remaining() < bytes) {
            refill();
        }
        position += bytes;
        return buffer;
    }

    private void require(long bytes, String what) throws CorruptCheckpointException {
        if (bytes > remaining()) {
            throw corrupt("truncated: " + what + " of " + bytes + " bytes at offset " + position + " runs past the "
                    + "end of the content (" + bodyLength + " bytes)");
        }
    }

    /**
     * Keeps the unread bytes, reads more behind them and hashes what was read. The buffer never holds
     * bytes past the body, so the hash covers the body exactly and the trailer stays in the file for
     * {@link #verifyTrailer()}.
     */
    private void refill() throws IOException {
        buffer.compact();
        int start = buffer.position();
        long bodyNotBuffered = remaining() - start;
        int wanted = (int) Math.min(buffer.remaining(), bodyNotBuffered);
        readFully(buffer.slice(start, wanted));
        sha256.update(buffer.array(), start, wanted);
        buffer.position(start + wanted);
        buffer.flip();
    }

    private void readFully(ByteBuffer target) throws IOException {
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw corrupt("ends early at offset " + position + ": the file shrank while it was read");
            }
        }
    }
}
