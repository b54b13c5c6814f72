package org.bftee.core.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string: operations, results, keys and signatures inside messages.
 *
 * <p>Records holding a {@code byte[]} would compare by identity; this value compares by content,
 * so message records keep the equality that round-trip tests and the protocol's duplicate checks rely on.
 */
public final class Bytes {

    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /**
     * Takes {@code bytes} over without copying. Only for arrays that the caller created for this
     * value and never touches again (the codec's freshly read fields, for example).
     */
    public static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** Reads {@code length} bytes; the caller has checked the length against its limit and the buffer. */
    public static Bytes read(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return wrap(bytes);
    }

    public void writeTo(ByteBuffer buffer) {
        buffer.put(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** The eight bytes at {@code offset} as a big-endian long, without copying. */
    public long longAt(int offset) {
        Objects.checkFromIndexSize(offset, Long.BYTES, bytes.length);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    /** The bytes from {@code index} to the end, copied. */
    public Bytes from(int index) {
        return wrap(Arrays.copyOfRange(bytes, index, bytes.length));
    }

    /** {@code prefix} followed by this content, in a new value. */
    public Bytes prefixedWith(byte prefix) {
        byte[] joined = new byte[bytes.length + 1];
        joined[0] = prefix;
        System.arraycopy(bytes, 0, joined, 1, bytes.length);
        return new Bytes(joined);
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A read-only view of the content, without copying. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        int shown = Math.min(bytes.length, 16);
        return "Bytes[" + bytes.length + ": " + HexFormat.of().formatHex(bytes, 0, shown)
                + (shown < bytes.length ? "..." : "") + "]";
    }
}
