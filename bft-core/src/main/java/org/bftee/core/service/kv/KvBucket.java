package org.bftee.core.service.kv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bftee.core.message.Bytes;

/**
 * The entries of one bucket object, sorted by key (unsigned bytes, each key once). Format:
 * {@code count:u32 | count x (key:u16-length | value:u32-length)}; an empty bucket is the empty
 * object, so a bucket emptied by deletes reads as never written. Only the service writes buckets,
 * so a bucket that does not decode is a bug (or corrupt state) and fails loudly.
 */
final class KvBucket {

    private static final int HEADER_BYTES = 4;

    private final List<byte[]> keys;
    private final List<Bytes> values;
    private long encodedLength;

    private KvBucket(List<byte[]> keys, List<Bytes> values, long encodedLength) {
        this.keys = keys;
        this.values = values;
        this.encodedLength = encodedLength;
    }

    static KvBucket decode(int index, Bytes object) {
        if (object.isEmpty()) {
            return new KvBucket(new ArrayList<>(), new ArrayList<>(), 0);
        }
        ByteBuffer buffer = object.asReadOnlyBuffer();
        try {
            int count = buffer.getInt();
            List<byte[]> keys = new ArrayList<>(Math.min(count, object.length()));
            List<Bytes> values = new ArrayList<>(Math.min(count, object.length()));
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[Short.toUnsignedInt(buffer.getShort())];
                buffer.get(key);
                if (!keys.isEmpty() && Arrays.compareUnsigned(keys.get(keys.size() - 1), key) >= 0) {
                    throw new IllegalStateException("keys out of order");
                }
                keys.add(key);
                values.add(Bytes.read(buffer, buffer.getInt()));
            }
            if (buffer.hasRemaining()) {
                throw new IllegalStateException(buffer.remaining() + " trailing bytes");
            }
            return new KvBucket(keys, values, object.length());
        } catch (RuntimeException corrupt) {
            throw new IllegalStateException("key-value bucket " + index + " is corrupt", corrupt);
        }
    }

    int size() {
        return keys.size();
    }

    byte[] keyAt(int position) {
        return keys.get(position);
    }

    Bytes valueAt(int position) {
        return values.get(position);
    }

    /** The position of {@code key}, or {@code -(insertion point) - 1} when absent. */
    int find(byte[] key) {
        int low = 0;
        int high = keys.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Arrays.compareUnsigned(keys.get(middle), key);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /** The encoded length after setting {@code key} to {@code value}, without changing the bucket. */
    long encodedLengthWith(byte[] key, Bytes value) {
        int position = find(key);
        long base = keys.isEmpty() ? HEADER_BYTES : encodedLength;
        long withoutOld = position >= 0 ? base - KvScanResult.entryBytes(key.length, values.get(position).length()) : base;
        return withoutOld + KvScanResult.entryBytes(key.length, value.length());
    }

    void put(byte[] key, Bytes value) {
        long length = encodedLengthWith(key, value);
        int position = find(key);
        if (position >= 0) {
            values.set(position, value);
        } else {
            keys.add(-position - 1, key);
            values.add(-position - 1, value);
        }
        encodedLength = length;
    }

    void remove(int position) {
        encodedLength -= KvScanResult.entryBytes(keys.get(position).length, values.get(position).length());
        keys.remove(position);
        values.remove(position);
        if (keys.isEmpty()) {
            encodedLength = 0;
        }
    }

    Bytes encode() {
        if (keys.isEmpty()) {
            return Bytes.EMPTY;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(encodedLength)).putInt(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            buffer.putShort((short) keys.get(i).length).put(keys.get(i)).putInt(values.get(i).length());
            values.get(i).writeTo(buffer);
        }
        if (buffer.hasRemaining()) {
            throw new IllegalStateException("bucket length bookkeeping is off by " + buffer.remaining());
        }
        return Bytes.wrap(buffer.array());
    }
}
