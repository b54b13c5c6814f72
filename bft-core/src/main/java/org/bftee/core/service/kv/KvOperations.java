package org.bftee.core.service.kv;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.OperationReader;

/**
 * The key-value operations' wire format, used by clients to encode and by the service to decode.
 * Integers big-endian; keys, prefixes and start keys carry a 16-bit length, values a 32-bit one:
 * <pre>
 *   GET             0x01 | key
 *   PUT             0x02 | key | value
 *   COMPARE_AND_SET 0x03 | key | expectedPresent:u8 (0 or 1) | [expected value] | value
 *   DELETE          0x04 | key
 *   SCAN            0x05 | prefix | startAfter | maxResults:u16
 * </pre>
 * Decoding never throws: anything that is not exactly one operation (unknown tag, short field,
 * empty key, zero maxResults, trailing bytes) decodes to empty.
 */
public final class KvOperations {

    private KvOperations() {
    }

    public static Bytes encode(KvOperation operation) {
        ByteBuffer buffer = ByteBuffer.allocate(encodedLength(operation)).put(operation.type().tag());
        switch (operation.type()) {
            case GET -> putKey(buffer, ((KvOperation.Get) operation).key());
            case PUT -> {
                KvOperation.Put put = (KvOperation.Put) operation;
                putKey(buffer, put.key());
                putValue(buffer, put.value());
            }
            case COMPARE_AND_SET -> {
                KvOperation.CompareAndSet cas = (KvOperation.CompareAndSet) operation;
                putKey(buffer, cas.key());
                buffer.put((byte) (cas.expected().isPresent() ? 1 : 0));
                cas.expected().ifPresent(expected -> putValue(buffer, expected));
                putValue(buffer, cas.value());
            }
            case DELETE -> putKey(buffer, ((KvOperation.Delete) operation).key());
            case SCAN -> {
                KvOperation.Scan scan = (KvOperation.Scan) operation;
                putKey(buffer, scan.prefix());
                putKey(buffer, scan.startAfter());
                buffer.putShort((short) scan.maxResults());
            }
        }
        return Bytes.wrap(buffer.array());
    }

    private static int encodedLength(KvOperation operation) {
        return 1 + switch (operation.type()) {
            case GET -> 2 + ((KvOperation.Get) operation).key().length();
            case PUT -> 2 + ((KvOperation.Put) operation).key().length() + 4 + ((KvOperation.Put) operation).value().length();
            case COMPARE_AND_SET -> {
                KvOperation.CompareAndSet cas = (KvOperation.CompareAndSet) operation;
                yield 2 + cas.key().length() + 1 + cas.expected().map(e -> 4 + e.length()).orElse(0)
                        + 4 + cas.value().length();
            }
            case DELETE -> 2 + ((KvOperation.Delete) operation).key().length();
            case SCAN -> 2 + ((KvOperation.Scan) operation).prefix().length()
                    + 2 + ((KvOperation.Scan) operation).startAfter().length() + 2;
        };
    }

    private static void putKey(ByteBuffer buffer, Bytes key) {
        buffer.putShort((short) key.length());
        key.writeTo(buffer);
    }

    private static void putValue(ByteBuffer buffer, Bytes value) {
        buffer.putInt(value.length());
        value.writeTo(buffer);
    }

    /** The operation, or empty if {@code operation} is not exactly one well-formed operation. */
    public static Optional<KvOperation> decode(Bytes operation) {
        try {
            OperationReader reader = new OperationReader(operation);
            Optional<KvOperationType> type = KvOperationType.fromTag(reader.u8());
            if (type.isEmpty()) {
                return Optional.empty();
            }
            KvOperation decoded = decodeBody(type.get(), reader);
            reader.end();
            return Optional.of(decoded);
        } catch (OperationReader.Malformed malformed) {
            return Optional.empty();
        }
    }

    private static KvOperation decodeBody(KvOperationType type, OperationReader reader) {
        return switch (type) {
            case GET -> new KvOperation.Get(key(reader));
            case PUT -> new KvOperation.Put(key(reader), value(reader));
            case COMPARE_AND_SET -> {
                Bytes key = key(reader);
                Optional<Bytes> expected = switch (reader.u8()) {
                    case 0 -> Optional.empty();
                    case 1 -> Optional.of(value(reader));
                    default -> throw new OperationReader.Malformed("expectedPresent is neither 0 nor 1");
                };
                yield new KvOperation.CompareAndSet(key, expected, value(reader));
            }
            case DELETE -> new KvOperation.Delete(key(reader));
            case SCAN -> {
                Bytes prefix = reader.bytes(reader.u16());
                Bytes startAfter = reader.bytes(reader.u16());
                int maxResults = reader.u16();
                if (maxResults == 0) {
                    throw new OperationReader.Malformed("maxResults is 0");
                }
                yield new KvOperation.Scan(prefix, startAfter, maxResults);
            }
        };
    }

    private static Bytes key(OperationReader reader) {
        Bytes key = reader.bytes(reader.u16());
        if (key.isEmpty()) {
            throw new OperationReader.Malformed("empty key");
        }
        return key;
    }

    private static Bytes value(OperationReader reader) {
        return reader.bytes(reader.length32());
    }

    /** Whether {@code operation} decodes to a read-only operation. */
    public static boolean isReadOnly(Bytes operation) {
        return decode(operation).map(decoded -> decoded.type().isReadOnly()).orElse(false);
    }
}
