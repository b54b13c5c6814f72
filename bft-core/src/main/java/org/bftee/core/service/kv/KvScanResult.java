package org.bftee.core.service.kv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.OperationReader;

/**
 * The payload of an OK answer to SCAN: entries in key order and whether more may follow after the
 * last one. Format: {@code count:u32 | more:u8 (0 or 1) | count x (key:u16-length | value:u32-length)}.
 */
public record KvScanResult(List<Entry> entries, boolean more) {

    /** Bytes of the count and the more flag. */
    public static final int HEADER_BYTES = 4 + 1;

    public record Entry(Bytes key, Bytes value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public KvScanResult {
        entries = List.copyOf(entries);
    }

    /** Encoded bytes of one entry with a key and value of these lengths. */
    public static long entryBytes(long keyLength, long valueLength) {
        return 2 + keyLength + 4 + valueLength;
    }

    public Bytes encode() {
        long length = HEADER_BYTES;
        for (Entry entry : entries) {
            length += entryBytes(entry.key().length(), entry.value().length());
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(length)).putInt(entries.size()).put((byte) (more ? 1 : 0));
        for (Entry entry : entries) {
            buffer.putShort((short) entry.key().length());
            entry.key().writeTo(buffer);
            buffer.putInt(entry.value().length());
            entry.value().writeTo(buffer);
        }
        return Bytes.wrap(buffer.array());
    }

    /** The scan result, or empty if {@code payload} is not exactly one (a faulty replica's answer). */
    public static Optional<KvScanResult> decode(Bytes payload) {
        try {
            OperationReader reader = new OperationReader(payload);
            int count = reader.length32();
            int more = reader.u8();
            if (more > 1 || count > payload.length()) {
                return Optional.empty();
            }
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(new Entry(reader.bytes(reader.u16()), reader.bytes(reader.length32())));
            }
            reader.end();
            return Optional.of(new KvScanResult(entries, more == 1));
        } catch (OperationReader.Malformed malformed) {
            return Optional.empty();
        }
    }
}
