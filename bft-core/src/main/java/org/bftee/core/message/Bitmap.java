package org.bftee.core.message;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An immutable set of bit positions {@code [0, size)}, such as the sequence numbers of a STATUS
 * window or the replicas whose VIEW-CHANGE a replica holds.
 *
 * <p>Packed as on the wire: bit {@code k} is bit {@code k % 8} (least significant first) of byte
 * {@code k / 8}; the bits of the last byte at or above {@code size} are zero, so that equal
 * bitmaps have one encoding. Equality compares size and bits.
 */
public final class Bitmap {

    public static final Bitmap EMPTY = new Bitmap(0, new byte[0]);

    private final int size;
    private final byte[] packed;

    private Bitmap(int size, byte[] packed) {
        this.size = size;
        this.packed = packed;
    }

    /** Number of bytes that pack {@code size} bits. */
    public static int packedLength(int size) {
        return (int) ((size + 7L) / 8);
    }

    /** A bitmap of {@code size} positions with exactly {@code positions} set. */
    public static Bitmap of(int size, int... positions) {
        Checks.nonNegative(size, "size");
        byte[] packed = new byte[packedLength(size)];
        for (int position : positions) {
            if (position < 0 || position >= size) {
                throw new IndexOutOfBoundsException("position " + position + " outside [0, " + size + ")");
            }
            packed[position >>> 3] |= (byte) (1 << (position & 7));
        }
        return new Bitmap(size, packed);
    }

    /**
     * A bitmap from its packed form (copied). Throws if the array length does not match
     * {@code size} or a bit at or above {@code size} is set; {@link #isCanonical} tests that first.
     */
    public static Bitmap fromPacked(int size, byte[] packed) {
        if (!isCanonical(size, packed)) {
            throw new IllegalArgumentException("not a canonical packing of " + size + " bits");
        }
        return new Bitmap(size, packed.clone());
    }

    /** Whether {@code packed} is the one packing of some {@code size}-bit bitmap. */
    public static boolean isCanonical(int size, byte[] packed) {
        if (size < 0 || packed.length != packedLength(size)) {
            return false;
        }
        int usedInLastByte = size & 7;
        return usedInLastByte == 0 || (packed[packed.length - 1] & 0xFF) >>> usedInLastByte == 0;
    }

    public int size() {
        return size;
    }

    /** Whether position {@code position} is set; false outside {@code [0, size)}. */
    public boolean get(int position) {
        return position >= 0 && position < size && (packed[position >>> 3] & (1 << (position & 7))) != 0;
    }

    public int cardinality() {
        int count = 0;
        for (byte b : packed) {
            count += Integer.bitCount(b & 0xFF);
        }
        return count;
    }

    /** The set positions in increasing order. */
    public IntStream positions() {
        return IntStream.range(0, size).filter(this::get);
    }

    /** A copy of the packed form. */
    public byte[] toPacked() {
        return packed.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bitmap that && size == that.size && Arrays.equals(packed, that.packed);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(packed);
    }

    @Override
    public String toString() {
        return "Bitmap[" + size + ": " + Arrays.toString(positions().toArray()) + "]";
    }
}
