package org.bftee.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.Test;

class ServiceResultTest {

    @Test
    void everyCodeIsDistinctAndRoundTrips() {
        assertEquals(ResultCode.values().length,
                Arrays.stream(ResultCode.values()).map(ResultCode::code).distinct().count());
        for (ResultCode code : ResultCode.values()) {
            assertEquals(Optional.of(code), ResultCode.fromCode(code.code()));
            assertEquals(new ServiceResult(code, Bytes.EMPTY), ServiceResult.decode(ServiceResult.encode(code)).orElseThrow());
        }
        assertTrue(ResultCode.fromCode((byte) 100).isEmpty());
        assertTrue(ResultCode.fromCode((byte) -1).isEmpty());
    }

    @Test
    void payloadFollowsTheStatusByte() {
        Bytes encoded = ServiceResult.ok(Bytes.of(new byte[] {5, 6}));
        assertEquals(Bytes.of(new byte[] {0, 5, 6}), encoded);
        assertEquals(Bytes.of(new byte[] {5, 6}), ServiceResult.decode(encoded).orElseThrow().payload());
        assertEquals(Optional.of(-3L), ServiceResult.decode(ServiceResult.ok(-3L)).orElseThrow().payloadAsLong());
        assertTrue(new ServiceResult(ResultCode.OK, Bytes.EMPTY).payloadAsLong().isEmpty());
    }

    @Test
    void decodeRejectsEmptyAndUnknownResults() {
        assertTrue(ServiceResult.decode(Bytes.EMPTY).isEmpty());
        assertTrue(ServiceResult.decode(Bytes.of(new byte[] {42, 1})).isEmpty());
    }
}
