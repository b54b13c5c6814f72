package org.bftee.core.service.kv;

import java.util.Objects;
import java.util.Optional;
import org.bftee.core.message.Bytes;

/**
 * A key-value store operation. Keys are non-empty byte strings compared as unsigned bytes. The
 * constructors check only what the wire format can carry; the service checks its configured
 * {@link KvLimits} and answers {@code TOO_LARGE}.
 */
public sealed interface KvOperation {

    KvOperationType type();

    /** The value of {@code key}: {@code OK} with the value as payload, or {@code NOT_FOUND}. */
    record Get(Bytes key) implements KvOperation {
        public Get {
            checkKey(key);
        }

        @Override
        public KvOperationType type() {
            return KvOperationType.GET;
        }
    }

    /** Sets {@code key} to {@code value} (which may be empty): {@code OK}, {@code TOO_LARGE} or {@code FULL}. */
    record Put(Bytes key, Bytes value) implements KvOperation {
        public Put {
            checkKey(key);
            Objects.requireNonNull(value, "value");
        }

        @Override
        public KvOperationType type() {
            return KvOperationType.PUT;
        }
    }

    /**
     * Sets {@code key} to {@code value} only if its current value is {@code expected} (empty
     * {@code Optional}: only if the key is absent): {@code OK}, {@code CONFLICT}, {@code TOO_LARGE}
     * or {@code FULL}.
     */
    record CompareAndSet(Bytes key, Optional<Bytes> expected, Bytes value) implements KvOperation {
        public CompareAndSet {
            checkKey(key);
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public KvOperationType type() {
            return KvOperationType.COMPARE_AND_SET;
        }
    }

    /** Removes {@code key}: {@code OK} or {@code NOT_FOUND}. */
    record Delete(Bytes key) implements KvOperation {
        public Delete {
            checkKey(key);
        }

        @Override
        public KvOperationType type() {
            return KvOperationType.DELETE;
        }
    }

    /**
     * The entries whose key starts with {@code prefix} and sorts after {@code startAfter} (empty:
     * from the first), in key order, at most {@code maxResults} of them and within the service's
     * scan limits: {@code OK} with a {@link KvScanResult} payload whose {@code more} flag says
     * whether to continue after its last key.
     */
    record Scan(Bytes prefix, Bytes startAfter, int maxResults) implements KvOperation {
        public Scan {
            checkLength(prefix, "prefix");
            checkLength(startAfter, "startAfter");
            if (maxResults < 1 || maxResults > KvLimits.SCAN_RESULTS_ABSOLUTE_MAX) {
                throw new IllegalArgumentException("maxResults must be in [1, " + KvLimits.SCAN_RESULTS_ABSOLUTE_MAX
                        + "], got " + maxResults);
            }
        }

        @Override
        public KvOperationType type() {
            return KvOperationType.SCAN;
        }
    }

    private static void checkKey(Bytes key) {
        checkLength(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a key is not empty");
        }
    }

    private static void checkLength(Bytes field, String name) {
        Objects.requireNonNull(field, name);
        if (field.length() > KvLimits.KEY_BYTES_ABSOLUTE_MAX) {
            throw new IllegalArgumentException(name + " of " + field.length() + " bytes exceeds the format's "
                    + KvLimits.KEY_BYTES_ABSOLUTE_MAX);
        }
    }
}
