package org.bftee.bench.recovery;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.Service;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.state.ObjectStoreView;

/**
 * A service whose writes the benchmark chooses exactly, so that it knows how many bytes of state
 * exist and how many changed. One operation writes {@code count} objects {@code first, first + stride,
 * ...} (modulo the object count), each with {@code bytes} pseudo-random bytes derived from
 * {@code seed} and the object's index: a short request fills megabytes, and every replica computes
 * the same values. A {@link #nothing()} operation writes no object; it only moves the sequence
 * numbers (and the reply cache) on.
 */
final class SizedObjectService implements Service {

    private static final byte WRITE = 'W';
    private static final byte NOTHING = 'N';
    private static final int WRITE_BYTES = 1 + 4 * Integer.BYTES + Long.BYTES;
    /** Bytes one operation may write at most, so that no batch holds an event loop for long. */
    static final long WRITE_BYTES_PER_OPERATION_MAX = 16L * 1024 * 1024;

    /** Writes {@code count} objects from {@code first}, {@code stride} apart, with {@code bytes} each. */
    static Bytes write(int first, int stride, int count, int bytes, long seed) {
        return Bytes.wrap(ByteBuffer.allocate(WRITE_BYTES).put(WRITE).putInt(first).putInt(stride).putInt(count)
                .putInt(bytes).putLong(seed).array());
    }

    static Bytes nothing() {
        return Bytes.wrap(new byte[] {NOTHING});
    }

    @Override
    public Bytes execute(Bytes operation, InvocationContext context, ObjectStoreView state) {
        if (operation.length() == 1 && operation.byteAt(0) == NOTHING) {
            return ServiceResult.ok(0);
        }
        if (operation.length() != WRITE_BYTES || operation.byteAt(0) != WRITE) {
            return ServiceResult.encode(ResultCode.MALFORMED);
        }
        ByteBuffer fields = operation.asReadOnlyBuffer();
        fields.get();
        int first = fields.getInt();
        int stride = fields.getInt();
        int count = fields.getInt();
        int bytes = fields.getInt();
        long seed = fields.getLong();
        if (first < 0 || first >= state.objectCount() || stride <= 0 || count < 0 || count > state.objectCount()
                || bytes < 0 || bytes > state.objectBytesMax() || (long) count * bytes > WRITE_BYTES_PER_OPERATION_MAX) {
            return ServiceResult.encode(ResultCode.INVALID_ARGUMENT);
        }
        for (int i = 0; i < count; i++) {
            int index = (int) ((first + (long) i * stride) % state.objectCount());
            state.write(index, Bytes.wrap(value(seed, index, bytes)));
        }
        return ServiceResult.ok(count);
    }

    /** The value {@link #write} gives object {@code index}: the same on every replica and in every JVM. */
    static byte[] value(long seed, int index, int bytes) {
        byte[] value = new byte[bytes];
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextBytes(value);
        return value;
    }

    @Override
    public boolean isReadOnly(Bytes operation) {
        return false;
    }
}
