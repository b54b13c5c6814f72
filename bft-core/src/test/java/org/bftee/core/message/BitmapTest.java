package org.bftee.core.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitmapTest {

    @Test
    void packsLeastSignificantBitFirst() {
        Bitmap bitmap = Bitmap.of(12, 0, 3, 8, 11);

        assertArrayEquals(new byte[] {0b0000_1001, 0b0000_1001}, bitmap.toPacked());
        assertEquals(4, bitmap.cardinality());
        assertArrayEquals(new int[] {0, 3, 8, 11}, bitmap.positions().toArray());
    }

    @Test
    void getIsFalseOutsideTheBitmap() {
        Bitmap bitmap = Bitmap.of(9, 8);

        assertTrue(bitmap.get(8));
        assertFalse(bitmap.get(7));
        assertFalse(bitmap.get(9));
        assertFalse(bitmap.get(-1));
    }

    @Test
    void packedLengthRoundsUp() {
        assertEquals(0, Bitmap.packedLength(0));
        assertEquals(1, Bitmap.packedLength(1));
        assertEquals(1, Bitmap.packedLength(8));
        assertEquals(2, Bitmap.packedLength(9));
        assertEquals(268_435_456, Bitmap.packedLength(Integer.MAX_VALUE));
    }

    @Test
    void onlyTheCanonicalPackingIsAccepted() {
        assertTrue(Bitmap.isCanonical(12, new byte[] {(byte) 0xFF, 0x0F}));
        assertFalse(Bitmap.isCanonical(12, new byte[] {(byte) 0xFF, 0x10}), "bit 12 is beyond the size");
        assertFalse(Bitmap.isCanonical(12, new byte[] {0, 0, 0}), "one byte too many");
        assertFalse(Bitmap.isCanonical(-1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Bitmap.fromPacked(12, new byte[] {0, (byte) 0x80}));
        assertEquals(Bitmap.of(12, 11), Bitmap.fromPacked(12, new byte[] {0, 0x08}));
    }

    @Test
    void equalityCoversSizeAndBits() {
        assertEquals(Bitmap.of(10, 1), Bitmap.of(10, 1));
        assertEquals(Bitmap.of(10, 1).hashCode(), Bitmap.of(10, 1).hashCode());
        assertNotEquals(Bitmap.of(10, 1), Bitmap.of(11, 1));
        assertNotEquals(Bitmap.of(10, 1), Bitmap.of(10, 2));
        assertEquals(Bitmap.EMPTY, Bitmap.of(0));
    }

    @Test
    void isImmutable() {
        byte[] packed = {1};
        Bitmap bitmap = Bitmap.fromPacked(8, packed);
        packed[0] = 2;
        bitmap.toPacked()[0] = 4;

        assertEquals(Bitmap.of(8, 0), bitmap);
    }

    @Test
    void rejectsPositionsOutsideItsSize() {
        assertThrows(IndexOutOfBoundsException.class, () -> Bitmap.of(4, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Bitmap.of(4, -1));
        assertThrows(IllegalArgumentException.class, () -> Bitmap.of(-1));
    }
}
