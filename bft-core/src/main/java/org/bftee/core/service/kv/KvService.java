package org.bftee.core.service.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.Service;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.state.ObjectStoreView;

/**
 * The shipped key-value store: get, put, compare-and-set, delete and scan by prefix (operations and
 * their results in {@link KvOperation}, wire format in {@link KvOperations}).
 *
 * <p>Every object of the store is a bucket ({@link KvBucket}); a key lives in bucket
 * {@link #bucketOf(Bytes, int)}: the 64-bit FNV-1a hash of its bytes, taken as unsigned, modulo the
 * object count. FNV-1a is fixed by its specification, so every replica on every JVM agrees. It is
 * not collision-resistant: a client can pick keys that share a bucket and fill it, after which puts
 * into that bucket answer {@code FULL}; size buckets (object-bytes-max) with that in mind.
 *
 * <p>There is no access control: every principal may read and write every key. The only
 * {@code FORBIDDEN} answer is to a write sent as read-only. A scan reads every bucket (keys are
 * hashed, not ordered across buckets), so its work is proportional to the state size; its result is
 * bounded by {@link KvLimits}. Deterministic and single-threaded, like every {@link
 * org.bftee.core.service.Service}.
 */
public final class KvService implements Service {

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final KvLimits limits;

    public KvService(KvLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The bucket (object index) of {@code key}: FNV-1a 64 of the key, unsigned, modulo {@code bucketCount}. */
    public static int bucketOf(Bytes key, int bucketCount) {
        long hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.byteAt(i) & 0xFF;
            hash *= FNV_PRIME;
        }
        return (int) Long.remainderUnsigned(hash, bucketCount);
    }

    @Override
    public boolean isReadOnly(Bytes operation) {
        return KvOperations.isReadOnly(operation);
    }

    @Override
    public Bytes execute(Bytes operation, InvocationContext context, ObjectStoreView state) {
        Optional<KvOperation> decoded = KvOperations.decode(operation);
        if (decoded.isEmpty()) {
            return ServiceResult.encode(ResultCode.MALFORMED);
        }
        KvOperation op = decoded.get();
        if (context.readOnly() && !op.type().isReadOnly()) {
            return ServiceResult.encode(ResultCode.FORBIDDEN);
        }
        return switch (op.type()) {
            case GET -> get((KvOperation.Get) op, state);
            case PUT -> put((KvOperation.Put) op, state);
            case COMPARE_AND_SET -> compareAndSet((KvOperation.CompareAndSet) op, state);
            case DELETE -> delete((KvOperation.Delete) op, state);
            case SCAN -> scan((KvOperation.Scan) op, state);
        };
    }

    private Bytes get(KvOperation.Get get, ObjectStoreView state) {
        if (get.key().length() > limits.keyBytesMax()) {
            return ServiceResult.encode(ResultCode.TOO_LARGE);
        }
        KvBucket bucket = bucket(get.key(), state);
        int position = bucket.find(get.key().toByteArray());
        return position >= 0 ? ServiceResult.ok(bucket.valueAt(position)) : ServiceResult.encode(ResultCode.NOT_FOUND);
    }

    private Bytes put(KvOperation.Put put, ObjectStoreView state) {
        return store(put.key(), put.value(), state);
    }

    private Bytes compareAndSet(KvOperation.CompareAndSet cas, ObjectStoreView state) {
        if (cas.key().length() > limits.keyBytesMax()) {
            return ServiceResult.encode(ResultCode.TOO_LARGE);
        }
        KvBucket bucket = bucket(cas.key(), state);
        int position = bucket.find(cas.key().toByteArray());
        Optional<Bytes> current = position >= 0 ? Optional.of(bucket.valueAt(position)) : Optional.empty();
        if (!current.equals(cas.expected())) {
            return ServiceResult.encode(ResultCode.CONFLICT);
        }
        return store(cas.key(), cas.value(), state);
    }

    private Bytes store(Bytes key, Bytes value, ObjectStoreView state) {
        if (key.length() > limits.keyBytesMax() || value.length() > limits.valueBytesMax()) {
            return ServiceResult.encode(ResultCode.TOO_LARGE);
        }
        int index = bucketOf(key, state.objectCount());
        KvBucket bucket = KvBucket.decode(index, state.read(index));
        byte[] keyBytes = key.toByteArray();
        if (bucket.encodedLengthWith(keyBytes, value) > state.objectBytesMax()) {
            return ServiceResult.encode(ResultCode.FULL);
        }
        bucket.put(keyBytes, value);
        state.write(index, bucket.encode());
        return ServiceResult.ok(Bytes.EMPTY);
    }

    private Bytes delete(KvOperation.Delete delete, ObjectStoreView state) {
        if (delete.key().length() > limits.keyBytesMax()) {
            return ServiceResult.encode(ResultCode.TOO_LARGE);
        }
        int index = bucketOf(delete.key(), state.objectCount());
        KvBucket bucket = KvBucket.decode(index, state.read(index));
        int position = bucket.find(delete.key().toByteArray());
        if (position < 0) {
            return ServiceResult.encode(ResultCode.NOT_FOUND);
        }
        bucket.remove(position);
        state.write(index, bucket.encode());
        return ServiceResult.ok(Bytes.EMPTY);
    }

    private Bytes scan(KvOperation.Scan scan, ObjectStoreView state) {
        if (scan.prefix().length() > limits.keyBytesMax() || scan.startAfter().length() > limits.keyBytesMax()) {
            return ServiceResult.encode(ResultCode.TOO_LARGE);
        }
        int wanted = Math.min(scan.maxResults(), limits.scanResultsMax());
        byte[] prefix = scan.prefix().toByteArray();
        byte[] startAfter = scan.startAfter().toByteArray();
        // The smallest matching keys seen so far, at most one more than wanted so that "more" is known.
        TreeMap<byte[], Bytes> smallest = new TreeMap<>(Arrays::compareUnsigned);
        for (int index = 0; index < state.objectCount(); index++) {
            KvBucket bucket = KvBucket.decode(index, state.read(index));
            for (int position = 0; position < bucket.size(); position++) {
                byte[] key = bucket.keyAt(position);
                if (startsWith(key, prefix) && Arrays.compareUnsigned(key, startAfter) > 0) {
                    smallest.put(key, bucket.valueAt(position));
                    if (smallest.size() > wanted + 1) {
                        smallest.pollLastEntry();
                    }
                }
            }
        }
        return ServiceResult.ok(page(smallest, wanted).encode());
    }

    /** The first {@code wanted} entries that fit in the scan's byte limit, and whether any are left out. */
    private KvScanResult page(TreeMap<byte[], Bytes> smallest, int wanted) {
        List<KvScanResult.Entry> entries = new ArrayList<>();
        long bytes = KvScanResult.HEADER_BYTES;
        for (Map.Entry<byte[], Bytes> entry : smallest.entrySet()) {
            long entryBytes = KvScanResult.entryBytes(entry.getKey().length, entry.getValue().length());
            if (entries.size() == wanted || bytes + entryBytes > limits.scanBytesMax()) {
                return new KvScanResult(entries, true);
            }
            entries.add(new KvScanResult.Entry(Bytes.wrap(entry.getKey()), entry.getValue()));
            bytes += entryBytes;
        }
        return new KvScanResult(entries, false);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static KvBucket bucket(Bytes key, ObjectStoreView state) {
        int index = bucketOf(key, state.objectCount());
        return KvBucket.decode(index, state.read(index));
    }
}
