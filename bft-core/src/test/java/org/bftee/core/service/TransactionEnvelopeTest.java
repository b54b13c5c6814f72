package org.bftee.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.Test;

class TransactionEnvelopeTest {

    private static final Bytes FIRST = Bytes.of(new byte[] {1, 2, 3});
    private static final Bytes SECOND = Bytes.EMPTY;

    @Test
    void roundTripsItsOperations() {
        Bytes envelope = TransactionEnvelope.encode(List.of(FIRST, SECOND));

        assertTrue(TransactionEnvelope.isEnvelope(envelope));
        assertEquals(envelope.length(), TransactionEnvelope.encodedLength(List.of(FIRST, SECOND)));
        TransactionEnvelope.Operations decoded =
                assertInstanceOf(TransactionEnvelope.Operations.class, TransactionEnvelope.decode(envelope));
        assertEquals(List.of(FIRST, SECOND), decoded.operations());
    }

    @Test
    void shippedServiceOperationsAreNotEnvelopes() {
        assertFalse(TransactionEnvelope.isEnvelope(Bytes.EMPTY));
        assertFalse(TransactionEnvelope.isEnvelope(Bytes.of(new byte[] {(byte) 0xBF, 'T'})));
        for (int tag = 0; tag < 16; tag++) {
            assertFalse(TransactionEnvelope.isEnvelope(Bytes.of(new byte[] {(byte) tag, (byte) 0xBF, 'T', 'X'})));
        }
    }

    @Test
    void encodingRefusesWhatTheReplicasWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> TransactionEnvelope.encode(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TransactionEnvelope.encode(
                Collections.nCopies(TransactionEnvelope.OPERATIONS_MAX + 1, FIRST)));
        Bytes nested = TransactionEnvelope.encode(List.of(FIRST));
        assertThrows(IllegalArgumentException.class, () -> TransactionEnvelope.encode(List.of(FIRST, nested)));
    }

    @Test
    void theLimitItselfIsAccepted() {
        Bytes envelope = TransactionEnvelope.encode(Collections.nCopies(TransactionEnvelope.OPERATIONS_MAX, FIRST));

        assertEquals(TransactionEnvelope.OPERATIONS_MAX, assertInstanceOf(TransactionEnvelope.Operations.class,
                TransactionEnvelope.decode(envelope)).operations().size());
    }

    @Test
    void malformedEnvelopesAreRefusedWithAReason() {
        Bytes valid = TransactionEnvelope.encode(List.of(FIRST));
        byte[] bytes = valid.toByteArray();

        assertRefused(ResultCode.MALFORMED, Bytes.of(Arrays.copyOf(bytes, bytes.length - 1)));
        assertRefused(ResultCode.MALFORMED, Bytes.of(Arrays.copyOf(bytes, bytes.length + 1)));
        assertRefused(ResultCode.MALFORMED, Bytes.of(Arrays.copyOf(bytes, 4)));
        byte[] otherVersion = bytes.clone();
        otherVersion[3] = 2;
        assertRefused(ResultCode.MALFORMED, Bytes.of(otherVersion));
        assertRefused(ResultCode.MALFORMED, header(1).putInt(Integer.MAX_VALUE).flip());
    }

    @Test
    void countsOutsideTheLimitsAreRefused() {
        assertRefused(ResultCode.INVALID_ARGUMENT, header(0).flip());
        assertRefused(ResultCode.TOO_LARGE, header(TransactionEnvelope.OPERATIONS_MAX + 1).flip());
    }

    @Test
    void aNestedEnvelopeIsRefused() {
        Bytes inner = TransactionEnvelope.encode(List.of(FIRST));
        ByteBuffer outer = header(1).putInt(inner.length());
        inner.writeTo(outer);

        assertRefused(ResultCode.MALFORMED, outer.flip());
    }

    @Test
    void resultsRoundTrip() {
        List<TransactionResult> results = List.of(
                new TransactionResult.Committed(List.of(ServiceResult.ok(7), ServiceResult.ok(Bytes.EMPTY))),
                new TransactionResult.Aborted(3, ResultCode.INSUFFICIENT_FUNDS),
                new TransactionResult.Refused(ResultCode.MALFORMED));
        for (TransactionResult result : results) {
            assertEquals(Optional.of(result), TransactionResult.decode(result.encode()));
        }
    }

    @Test
    void undecodableResultsDecodeToEmpty() {
        for (byte[] answer : new byte[][] {{}, {99}, {0}, {0, 0, 0}, {0, 0, 1, 0, 0, 0, 9}, {10, 0, 1},
                {10, 0, 1, (byte) 200}, {10, 0, 1, 0}, {10, 0, 1, 8, 0}}) {
            assertEquals(Optional.empty(), TransactionResult.decode(Bytes.of(answer)), Arrays.toString(answer));
        }
    }

    private static ByteBuffer header(int count) {
        return ByteBuffer.allocate(64).put(new byte[] {(byte) 0xBF, 'T', 'X', 1}).putShort((short) count);
    }

    private static void assertRefused(ResultCode code, ByteBuffer envelope) {
        assertRefused(code, Bytes.read(envelope, envelope.remaining()));
    }

    private static void assertRefused(ResultCode code, Bytes envelope) {
        TransactionEnvelope.Refused refused =
                assertInstanceOf(TransactionEnvelope.Refused.class, TransactionEnvelope.decode(envelope));
        assertEquals(code, refused.code(), refused.reason());
        assertFalse(refused.reason().isBlank());
    }
}
