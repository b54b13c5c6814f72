package org.bftee.core.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Bytes;

/**
 * Writes a frame or a digest input field by field into a buffer that grows as needed.
 *
 * <p>The messages written are our own, so a value that breaks a wire limit is a bug in the code
 * that built the message (or that failed to check outside input against the limits first):
 * it throws {@link IllegalArgumentException} at once rather than sending a frame every
 * receiver would refuse.
 */
final class WireWriter {

    private static final int INITIAL_CAPACITY = 256;
    /** A thread's scratch writer keeps a buffer up to this size between uses; a bigger one is let go. */
    private static final int SCRATCH_RETAINED_MAX = 64 * 1024;
    /**
     * One writer per thread, reused for every encoding whose bytes are copied or digested before the
     * next one starts: the codec stays stateless (any thread may use it) while an encoding no longer
     * allocates a buffer of its own. The allocation probe of bft-bench measured what that saves.
     */
    private static final ThreadLocal<WireWriter> SCRATCH = ThreadLocal.withInitial(() -> new WireWriter(null));

    private WireLimits limits;
    private ByteBuffer out = ByteBuffer.allocate(INITIAL_CAPACITY);
    private boolean inUse;

    WireWriter(WireLimits limits) {
        this.limits = limits;
    }

    /**
     * The calling thread's scratch writer, emptied, for {@code limits}; give it back with {@link #release()}
     * once its bytes are copied or digested.
     *
     * @throws IllegalStateException if the thread's scratch writer is already in use: a bug (nested encodings)
     */
    static WireWriter scratch(WireLimits limits) {
        WireWriter writer = SCRATCH.get();
        if (writer.inUse) {
            throw new IllegalStateException("the scratch writer of this thread is already in use");
        }
        writer.inUse = true;
        writer.limits = limits;
        if (writer.out.capacity() > SCRATCH_RETAINED_MAX) {
            writer.out = ByteBuffer.allocate(INITIAL_CAPACITY);
        } else {
            writer.out.clear();
        }
        return writer;
    }

    /** Ends a use of a scratch writer; its bytes are undefined from now on. */
    void release() {
        inUse = false;
    }

    WireLimits limits() {
        return limits;
    }

    int position() {
        return out.position();
    }

    private void ensure(int bytes) {
        if (out.remaining() >= bytes) {
            return;
        }
        long needed = (long) out.position() + bytes;
        if (needed > limits.frameBytesMax()) {
            throw new IllegalArgumentException("message needs more than frameBytesMax (" + limits.frameBytesMax()
                    + ") bytes");
        }
        int capacity = (int) Math.max(needed, Math.min(2L * out.capacity(), limits.frameBytesMax()));
        ByteBuffer grown = ByteBuffer.allocate(capacity);
        out.flip();
        grown.put(out);
        out = grown;
    }

    void u8(int value) {
        ensure(WireSizes.U8);
        out.put((byte) value);
    }

    void int32(int value) {
        ensure(WireSizes.INT);
        out.putInt(value);
    }

    void int64(long value) {
        ensure(WireSizes.LONG);
        out.putLong(value);
    }

    void int32At(int index, int value) {
        out.putInt(index, value);
    }

    void digest(Digest digest) {
        ensure(Digest.LENGTH);
        digest.writeTo(out);
    }

    /** An id that must be in {@code [0, max)}. */
    void below(int value, int max, String field) {
        if (value < 0 || value >= max) {
            throw new IllegalArgumentException(field + " " + value + " outside [0, " + max + ")");
        }
        int32(value);
    }

    void replica(int replica, String field) {
        below(replica, limits.replicasMax(), field);
    }

    void replicaOrNone(int replica, String field) {
        if (replica != -1) {
            replica(replica, field);
        } else {
            int32(replica);
        }
    }

    void count(int count, int max, String field) {
        if (count > max) {
            throw new IllegalArgumentException(field + " count " + count + " above " + max);
        }
        int32(count);
    }

    <T> void list(List<T> list, int max, String field, BiConsumer<WireWriter, T> element) {
        count(list.size(), max, field);
        for (T value : list) {
            element.accept(this, value);
        }
    }

    void bytes(Bytes bytes, int max, String field) {
        if (bytes.length() > max) {
            throw new IllegalArgumentException(field + " length " + bytes.length() + " above " + max);
        }
        int32(bytes.length());
        ensure(bytes.length());
        bytes.writeTo(out);
    }

    void bitmap(Bitmap bitmap, int maxBits, String field) {
        count(bitmap.size(), maxBits, field);
        byte[] packed = bitmap.toPacked();
        ensure(packed.length);
        out.put(packed);
    }

    /** Tag count, tag length and tags, as in the trailer. */
    void authenticator(Authenticator authenticator, String field) {
        if (authenticator.count() > limits.replicasMax()) {
            throw new IllegalArgumentException(field + " has " + authenticator.count() + " tags, above "
                    + limits.replicasMax());
        }
        u8(authenticator.count());
        u8(authenticator.tagLength());
        ensure(authenticator.size());
        authenticator.writeTo(out);
    }

    /** A copy of what was written. */
    byte[] toByteArray() {
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The digest of what was written, read in place. */
    Digest digest(Digester digester) {
        return digester.digest(out.array(), 0, out.position());
    }
}
