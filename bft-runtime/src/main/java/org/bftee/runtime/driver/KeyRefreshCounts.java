package org.bftee.runtime.driver;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.bftee.core.crypto.NewKeyOpening;

/**
 * One principal's session key exchange in numbers, copied on its owner thread for other threads
 * (status, management, tests). Every refusal reason is present, with zero when it never happened,
 * so that monitoring sees a fixed set of keys.
 *
 * @param freshKeysSent   NEW-KEY messages with freshly drawn keys: the first at start, then one per refresh
 * @param newKeysAccepted peers' NEW-KEY messages that installed a new out-key
 * @param newKeysRefused  peers' NEW-KEY messages refused, per reason; a replayed or duplicated one
 *                        is {@link NewKeyOpening.Status#OLD_COUNTER}
 */
public record KeyRefreshCounts(long freshKeysSent, long newKeysAccepted,
                               Map<NewKeyOpening.Status, Long> newKeysRefused) {

    /** Before any exchange: every count zero. */
    public static final KeyRefreshCounts NONE = of(0, 0, new long[NewKeyOpening.Status.values().length]);

    static KeyRefreshCounts of(long freshKeysSent, long newKeysAccepted, long[] refusedByStatus) {
        Map<NewKeyOpening.Status, Long> refused = new EnumMap<>(NewKeyOpening.Status.class);
        for (NewKeyOpening.Status status : NewKeyOpening.Status.values()) {
            if (status != NewKeyOpening.Status.OPENED) {
                refused.put(status, refusedByStatus[status.ordinal()]);
            }
        }
        return new KeyRefreshCounts(freshKeysSent, newKeysAccepted, Collections.unmodifiableMap(refused));
    }

    /** NEW-KEY messages refused for {@code status}. */
    public long refused(NewKeyOpening.Status status) {
        return newKeysRefused.getOrDefault(status, 0L);
    }
}
