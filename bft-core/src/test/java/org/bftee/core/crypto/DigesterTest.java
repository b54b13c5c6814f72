package org.bftee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DigesterTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sha256OfAbcMatchesFips180Vector() {
        Digest digest = DigestAlgorithm.SHA_256.newDigester().digest("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest.toHex());
    }

    @Test
    void blake3OfEmptyInputMatchesOfficialVector() {
        Digest digest = DigestAlgorithm.BLAKE3.newDigester().digest(new byte[0]);
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262", digest.toHex());
    }

    @Test
    void blake3OfAbcMatchesReferenceOutput() {
        Digest digest = DigestAlgorithm.BLAKE3.newDigester().digest("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85", digest.toHex());
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void digesterIsReusableAfterFinish(DigestAlgorithm algorithm) {
        Digester digester = algorithm.newDigester();
        byte[] message = sample(1000);
        Digest first = digester.digest(message);
        digester.digest(sample(17));
        assertEquals(first, digester.digest(message));
        assertEquals(algorithm, digester.algorithm());
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void byteRangeDigestEqualsDigestOfCopy(DigestAlgorithm algorithm) {
        Digester digester = algorithm.newDigester();
        byte[] frame = sample(300);
        Digest ofRange = digester.digest(frame, 40, 200);
        assertEquals(digester.digest(Arrays.copyOfRange(frame, 40, 240)), ofRange);
        assertNotEquals(digester.digest(frame), ofRange);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void bufferRegionDigestLeavesPositionAndLimitAlone(DigestAlgorithm algorithm) {
        Digester digester = algorithm.newDigester();
        byte[] frame = sample(10_000);
        Digest expected = digester.digest(Arrays.copyOfRange(frame, 100, 9_000));
        for (ByteBuffer buffer : new ByteBuffer[] {
                ByteBuffer.wrap(frame),
                ByteBuffer.wrap(frame).asReadOnlyBuffer(),
                ByteBuffer.allocateDirect(frame.length).put(frame).clear(),
                ByteBuffer.wrap(sample(10_050), 50, 10_000).slice().put(frame).clear()}) {
            buffer.position(100).limit(9_000);
            assertEquals(expected, digester.digest(buffer), buffer.toString());
            assertEquals(100, buffer.position());
            assertEquals(9_000, buffer.limit());
        }
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void incrementalUpdatesEqualOneShot(DigestAlgorithm algorithm) {
        Digester digester = algorithm.newDigester();
        byte[] message = sample(5_000);
        Digest whole = digester.digest(message);
        digester.update(message, 0, 1).update(message, 1, 2_999).update(ByteBuffer.wrap(message, 3_000, 2_000));
        byte[] target = new byte[40];
        digester.finishInto(target, 5);
        assertEquals(whole, Digest.of(Arrays.copyOfRange(target, 5, 37)));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void digestOfDigestsHashesTheirBytes(DigestAlgorithm algorithm) {
        Digester digester = algorithm.newDigester();
        Digest left = digester.digest(sample(10));
        Digest right = digester.digest(sample(20));
        byte[] concatenated = new byte[64];
        left.copyTo(concatenated, 0);
        right.copyTo(concatenated, 32);
        assertEquals(digester.digest(concatenated), digester.update(left).update(right).finish());
    }

    @Test
    void algorithmsDiffer() {
        byte[] message = sample(64);
        assertNotEquals(DigestAlgorithm.SHA_256.newDigester().digest(message),
                DigestAlgorithm.BLAKE3.newDigester().digest(message));
    }

    static byte[] sample(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }
}
