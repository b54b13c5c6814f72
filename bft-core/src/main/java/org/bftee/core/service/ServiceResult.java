package org.bftee.core.service;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.bftee.core.message.Bytes;

/**
 * A service result in our compact format: one status byte ({@link ResultCode#code()}) followed by
 * the payload, whose format depends on the operation and is defined by each service.
 */
public record ServiceResult(ResultCode code, Bytes payload) {

    public ServiceResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(payload, "payload");
    }

    /** A result with no payload: every status except some {@link ResultCode#OK} answers. */
    public static Bytes encode(ResultCode code) {
        return Bytes.wrap(new byte[] {code.code()});
    }

    /** An OK result carrying {@code payload}. */
    public static Bytes ok(Bytes payload) {
        return new ServiceResult(ResultCode.OK, payload).encode();
    }

    /** An OK result carrying one big-endian 64-bit number. */
    public static Bytes ok(long number) {
        return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES).put(ResultCode.OK.code()).putLong(number).array());
    }

    public Bytes encode() {
        ByteBuffer buffer = ByteBuffer.allocate(1 + payload.length()).put(code.code());
        payload.writeTo(buffer);
        return Bytes.wrap(buffer.array());
    }

    /** Decodes a result; empty for an empty result or an unknown status code (a faulty replica's answer). */
    public static Optional<ServiceResult> decode(Bytes result) {
        if (result.isEmpty()) {
            return Optional.empty();
        }
        return ResultCode.fromCode(result.byteAt(0)).map(code -> {
            ByteBuffer buffer = result.asReadOnlyBuffer().position(1);
            return new ServiceResult(code, Bytes.read(buffer, buffer.remaining()));
        });
    }

    /** The payload read as one big-endian 64-bit number, if it is exactly that. */
    public Optional<Long> payloadAsLong() {
        return payload.length() == Long.BYTES ? Optional.of(payload.asReadOnlyBuffer().getLong()) : Optional.empty();
    }
}
