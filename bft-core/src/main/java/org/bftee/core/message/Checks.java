package org.bftee.core.message;

import java.util.List;
import java.util.Objects;

/** Programmer-error checks shared by the message records' compact constructors. */
final class Checks {

    private Checks() {
    }

    static long nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    /** A value that is either non-negative or the "none" marker {@code -1}. */
    static long nonNegativeOrNone(long value, String name) {
        if (value < -1) {
            throw new IllegalArgumentException(name + " must be -1 (none) or non-negative, got " + value);
        }
        return value;
    }

    static int flags(int flags, int known, String name) {
        if ((flags & ~known) != 0) {
            throw new IllegalArgumentException(name + " has unknown bits: 0x" + Integer.toHexString(flags & ~known));
        }
        return flags;
    }

    /** An immutable copy; rejects a null list or null elements. */
    static <T> List<T> copy(List<T> list, String name) {
        return List.copyOf(Objects.requireNonNull(list, name));
    }
}
