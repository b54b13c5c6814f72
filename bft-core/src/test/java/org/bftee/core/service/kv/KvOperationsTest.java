package org.bftee.core.service.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.Test;

class KvOperationsTest {

    private static Bytes bytes(int... values) {
        byte[] array = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            array[i] = (byte) values[i];
        }
        return Bytes.wrap(array);
    }

    @Provide
    Arbitrary<KvOperation> operations() {
        Arbitrary<Bytes> key = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40).map(Bytes::of);
        Arbitrary<Bytes> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Bytes::of);
        return Arbitraries.oneOf(
                key.map(KvOperation.Get::new),
                Combinators.combine(key, any).as(KvOperation.Put::new),
                Combinators.combine(key, any.optional(), any).as(KvOperation.CompareAndSet::new),
                key.map(KvOperation.Delete::new),
                Combinators.combine(any, any, Arbitraries.integers().between(1, 0xFFFF)).as(KvOperation.Scan::new));
    }

    @Property
    void encodeThenDecodeIsIdentity(@ForAll("operations") KvOperation operation) {
        assertEquals(Optional.of(operation), KvOperations.decode(KvOperations.encode(operation)));
        assertEquals(operation.type().isReadOnly(), KvOperations.isReadOnly(KvOperations.encode(operation)));
    }

    @Property(tries = 2000)
    void randomBytesDecodeWithoutThrowingAndOnlyCanonically(@ForAll @Size(max = 64) byte[] input) {
        Bytes bytes = Bytes.of(input);
        KvOperations.decode(bytes).ifPresent(decoded -> assertEquals(bytes, KvOperations.encode(decoded)));
    }

    @Property(tries = 500)
    void mutatedOperationsDecodeWithoutThrowing(@ForAll("operations") KvOperation operation,
                                                @ForAll int position, @ForAll byte replacement) {
        byte[] encoded = KvOperations.encode(operation).toByteArray();
        encoded[Math.floorMod(position, encoded.length)] = replacement;
        Bytes mutated = Bytes.wrap(encoded);
        KvOperations.decode(mutated).ifPresent(decoded -> assertEquals(mutated, KvOperations.encode(decoded)));
    }

    @Test
    void malformedInputsDecodeToEmpty() {
        Bytes[] malformed = {
            Bytes.EMPTY,
            bytes(0),                                  // unknown tag
            bytes(9, 0, 1, 'k'),                       // unknown tag
            bytes(1, 0),                               // truncated key length
            bytes(1, 0, 2, 'k'),                       // truncated key
            bytes(1, 0, 0),                            // empty key
            bytes(1, 0, 1, 'k', 0),                    // trailing byte
            bytes(2, 0, 1, 'k', 0, 0, 0),              // truncated value length
            bytes(2, 0, 1, 'k', 0x80, 0, 0, 0),        // value length above int range
            bytes(2, 0, 1, 'k', 0, 0, 0, 5, 1),        // value shorter than its length
            bytes(3, 0, 1, 'k', 2, 0, 0, 0, 0),        // expectedPresent is 2
            bytes(3, 0, 1, 'k', 0),                    // missing new value
            bytes(5, 0, 0, 0, 0, 0, 0),                // maxResults 0
            bytes(5, 0, 0, 0, 0, 0),                   // truncated maxResults
        };
        for (Bytes input : malformed) {
            assertTrue(KvOperations.decode(input).isEmpty(), input.toString());
            assertFalse(KvOperations.isReadOnly(input));
        }
    }

    @Test
    void constructorsRejectWhatTheFormatCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new KvOperation.Get(Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new KvOperation.Delete(Bytes.of(new byte[0x10000])));
        assertThrows(IllegalArgumentException.class, () -> new KvOperation.Scan(Bytes.EMPTY, Bytes.EMPTY, 0));
        assertThrows(IllegalArgumentException.class, () -> new KvOperation.Scan(Bytes.EMPTY, Bytes.EMPTY, 0x10000));
    }

    @Property
    void scanResultsRoundTrip(@ForAll boolean more, @ForAll @Size(max = 5) List<@Size(min = 1, max = 20) byte[]> keys) {
        List<KvScanResult.Entry> entries = keys.stream()
                .map(k -> new KvScanResult.Entry(Bytes.of(k), Bytes.of(k))).toList();
        KvScanResult result = new KvScanResult(entries, more);
        assertEquals(Optional.of(result), KvScanResult.decode(result.encode()));
    }

    @Property(tries = 1000)
    void randomScanResultPayloadsDecodeWithoutThrowing(@ForAll @Size(max = 40) byte[] input) {
        KvScanResult.decode(Bytes.of(input)).ifPresent(decoded -> assertEquals(Bytes.of(input), decoded.encode()));
    }
}
