package org.bftee.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Measures what one decode allocates, with the JVM's per-thread allocation counter, and checks it
 * against a budget that grows with the input but not with the lengths and counts the input
 * declares: a declared length beyond the bytes sent must be refused before anything is allocated
 * for it (STYLE rule 4). Without the counter (another JVM) only the call is made.
 */
final class AllocationBudget {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final boolean SUPPORTED = THREADS.isThreadAllocatedMemorySupported()
            && THREADS.isThreadAllocatedMemoryEnabled();

    /** Rejection details, result records and lists' first growth, whatever the input. */
    private final long fixedBytes;
    /** Decoded objects per input byte: a 32-byte digest becomes an object and its array, and so on. */
    private final long bytesPerInputByte;

    AllocationBudget(long fixedBytes, long bytesPerInputByte) {
        this.fixedBytes = fixedBytes;
        this.bytesPerInputByte = bytesPerInputByte;
    }

    long limitFor(int inputLength) {
        return fixedBytes + bytesPerInputByte * inputLength;
    }

    /**
     * Runs {@code decode} on an input of {@code inputLength} bytes twice and fails if the second run
     * allocated more than the budget. The first run loads and instruments the classes the input
     * reaches, which the counter would charge to it; decoding is deterministic, so the second run
     * allocates what any run allocates for the input itself.
     */
    <T> T check(int inputLength, String what, Supplier<T> decode) {
        T first = decode.get();
        if (!SUPPORTED) {
            return first;
        }
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        T result = decode.get();
        long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;
        long limit = limitFor(inputLength);
        assertTrue(allocated <= limit, what + " of " + inputLength + " bytes allocated " + allocated
                + " bytes, above its budget of " + limit);
        return result;
    }
}
