package org.bftee.core.state;

import java.util.HashMap;
import java.util.Map;
import org.bftee.core.message.Bytes;

/**
 * The values objects had before a batch (or an atomic operation) first wrote them, so that the
 * batch can be undone. Restoring puts every saved value back; the order does not matter because
 * each object is saved once.
 */
final class UndoLog {

    /** The batch's sequence number, or {@link #ATOMIC} for an atomic multi-operation request. */
    final long sequence;

    static final long ATOMIC = -1;

    private final Map<Integer, Bytes> before = new HashMap<>();

    UndoLog(long sequence) {
        this.sequence = sequence;
    }

    /** Keeps {@code value} unless an earlier value of the same object is already kept. */
    void save(int index, Bytes value) {
        before.putIfAbsent(index, value);
    }

    void restoreInto(Bytes[] values) {
        before.forEach((index, value) -> values[index] = value);
    }

    int size() {
        return before.size();
    }
}
