package org.bftee.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A fingerprint of everything that happened in a run: every delivery, drop and timer adds one
 * entry to a running 64-bit hash. Two runs with the same seed must end with the same hash; that is
 * what "reproducible" means here. The last {@link #TAIL_MAX} entries are kept for a failure report.
 */
public final class EventTrace {

    /** Entries kept for {@link #tail()}. */
    public static final int TAIL_MAX = 64;

    private long hash = 0x6A09E667F3BCC909L;
    private long entries;
    private final long[][] tailNumbers = new long[TAIL_MAX][4];
    private final String[] tailKinds = new String[TAIL_MAX];

    /** Records that {@code kind} happened at {@code timeMillis} between or about {@code a}, {@code b}, {@code c}. */
    public void record(long timeMillis, String kind, long a, long b, long c) {
        hash = Seeds.mix(hash ^ timeMillis) + kind.hashCode();
        hash = Seeds.mix(hash ^ a) + b;
        hash = Seeds.mix(hash ^ c);
        int slot = (int) (entries % TAIL_MAX);
        tailKinds[slot] = kind;
        long[] numbers = tailNumbers[slot];
        numbers[0] = timeMillis;
        numbers[1] = a;
        numbers[2] = b;
        numbers[3] = c;
        entries++;
    }

    public long hash() {
        return hash;
    }

    public long entries() {
        return entries;
    }

    /** The last entries, oldest first, one line each: {@code time kind a b c}. */
    public List<String> tail() {
        List<String> lines = new ArrayList<>();
        long first = Math.max(0, entries - TAIL_MAX);
        for (long i = first; i < entries; i++) {
            int slot = (int) (i % TAIL_MAX);
            long[] n = tailNumbers[slot];
            lines.add(n[0] + "ms " + tailKinds[slot] + " " + n[1] + " " + n[2] + " " + n[3]);
        }
        return lines;
    }
}
