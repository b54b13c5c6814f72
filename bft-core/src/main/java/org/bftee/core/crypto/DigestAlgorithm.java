package org.bftee.core.crypto;

/**
 * The hash functions that produce a {@link Digest}: request, batch, reply and checkpoint digests,
 * and the digest every MAC is computed over. All replicas of a group must use the same one.
 */
public enum DigestAlgorithm {

    /** SHA-256 from the JDK, which uses the CPU's SHA extensions where it has them. */
    SHA_256 {
        @Override
        public Digester newDigester() {
            return new Sha256Digester();
        }
    },

    /** BLAKE3 (256-bit output) from Bouncy Castle, a pure-Java implementation. */
    BLAKE3 {
        @Override
        public Digester newDigester() {
            return new Blake3Digester();
        }
    };

    /**
     * The group's digest unless configured otherwise.
     *
     * <p>SHA-256, because the JDK's implementation (HotSpot compiles it to the CPU's SHA
     * instructions) beats Bouncy Castle's pure-Java BLAKE3 by 2 to 3 times at every size the
     * protocol hashes in bulk, and ties on empty input. DigestBenchmark, JDK 17.0.15, 2-core AMD
     * EPYC with SHA-NI shared with other builds (so errors are wide), 3 forks, ns/op, median of the
     * fork medians:
     * <pre>
     *   size       SHA-256 (JDK)   BLAKE3 (BC)
     *   0 B              156            197
     *   1 KiB          1,040          2,113
     *   4 KiB          2,775          8,083
     *   64 KiB        60,453        126,483
     * </pre>
     * A second run under heavier load kept the order (4 KiB: 5,499 against 16,087). SHA-256 is also
     * the standard every auditor and HSM knows. On a CPU without SHA extensions the balance may
     * change: run the benchmark there before switching.
     */
    public static final DigestAlgorithm DEFAULT = SHA_256;

    /** A new digester, to be reused by the one thread that owns it. */
    public abstract Digester newDigester();
}
