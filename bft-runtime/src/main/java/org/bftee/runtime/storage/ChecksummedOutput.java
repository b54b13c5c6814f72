package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/**
 * Writes a file's fields through one buffer into a channel while hashing them, and ends the file with the
 * SHA-256 of everything written before it. Values larger than the buffer go to the channel directly,
 * without a copy.
 */
final class ChecksummedOutput {

    /** Large enough that a state of small objects is written in few system calls. */
    static final int BUFFER_BYTES = 1024 * 1024;

    private final WritableByteChannel channel;
    private final MessageDigest sha256 = Sha256.newDigester();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long length;

    ChecksummedOutput(WritableByteChannel channel) {
        this.channel = channel;
    }

    void writeByte(int value) throws IOException {
        room(Byte.BYTES).put((byte) value);
    }

    void writeInt(int value) throws IOException {
        room(Integer.BYTES).putInt(value);
    }

    void writeLong(long value) throws IOException {
        room(Long.BYTES).putLong(value);
    }

    void writeDigest(Digest digest) throws IOException {
        digest.writeTo(room(Digest.LENGTH));
    }

    void writeBytes(Bytes value) throws IOException {
        if (value.length() <= buffer.remaining()) {
            value.writeTo(buffer);
            return;
        }
        flush();
        if (value.length() <= buffer.capacity()) {
            value.writeTo(buffer);
            return;
        }
        ByteBuffer content = value.asReadOnlyBuffer();
        sha256.update(content.duplicate());
        writeFully(content);
    }

    /** Writes the trailer, the SHA-256 of everything before it, and flushes; nothing may be written after. */
    WrittenFile finish() throws IOException {
        flush();
        Digest hash = Digest.of(sha256.digest());
        hash.writeTo(buffer);
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
        return new WrittenFile(length, hash);
    }

    private ByteBuffer room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
        return buffer;
    }

    private void flush() throws IOException {
        buffer.flip();
        sha256.update(buffer.duplicate());
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer content) throws IOException {
        while (content.hasRemaining()) {
            length += channel.write(content);
        }
    }
}
