package org.bftee.core.sim.check;

import java.util.List;

/** A checker found the run broke a safety or liveness property; the message names replica, sequence or key. */
public final class Violation extends AssertionError {

    private static final long serialVersionUID = 1L;

    public Violation(String message) {
        super(message);
    }

    /** Throws a violation listing {@code violations} (at most the first few), if there are any. */
    static void throwIfAny(String property, List<String> violations) {
        if (violations.isEmpty()) {
            return;
        }
        int shown = Math.min(violations.size(), 5);
        String more = violations.size() > shown ? " (and " + (violations.size() - shown) + " more)" : "";
        throw new Violation(property + " violated: " + String.join("; ", violations.subList(0, shown)) + more);
    }
}
