package org.bftee.core.service;

import java.nio.ByteBuffer;
import org.bftee.core.message.Bytes;

/**
 * Bounds-checked reading of an operation (or a result payload) for service codecs. Every read
 * checks what remains before allocating; a short or oversized field throws {@link Malformed}, which
 * a codec catches at its top and turns into an empty decode result, so that nothing escapes to the
 * replica.
 */
public final class OperationReader {

    /** The input does not decode. Carries no stack trace: it is an expected answer to bad client input. */
    public static final class Malformed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private final ByteBuffer buffer;

    public OperationReader(Bytes input) {
        this.buffer = input.asReadOnlyBuffer();
    }

    public int u8() {
        need(1, "u8");
        return Byte.toUnsignedInt(buffer.get());
    }

    public int u16() {
        need(2, "u16");
        return Short.toUnsignedInt(buffer.getShort());
    }

    /** An unsigned 32-bit length that must also fit an {@code int}. */
    public int length32() {
        need(4, "u32");
        int value = buffer.getInt();
        if (value < 0) {
            throw new Malformed("length " + Integer.toUnsignedLong(value) + " is too large");
        }
        return value;
    }

    public int i32() {
        need(4, "i32");
        return buffer.getInt();
    }

    public long i64() {
        need(8, "i64");
        return buffer.getLong();
    }

    /** {@code length} bytes, checked against what remains before they are copied. */
    public Bytes bytes(int length) {
        if (length < 0) {
            throw new Malformed("negative length " + length);
        }
        need(length, "a " + length + "-byte field");
        return Bytes.read(buffer, length);
    }

    /** Checks that the whole input was read: trailing bytes make the input malformed. */
    public void end() {
        if (buffer.hasRemaining()) {
            throw new Malformed(buffer.remaining() + " trailing bytes");
        }
    }

    private void need(int length, String what) {
        if (buffer.remaining() < length) {
            throw new Malformed("truncated: " + what + " needs " + length + " bytes, " + buffer.remaining() + " left");
        }
    }
}
