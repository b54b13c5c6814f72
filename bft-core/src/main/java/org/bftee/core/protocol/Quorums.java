package org.bftee.core.protocol;

/**
 * The quorum sizes of PROTOCOL.md for a group of {@code n = 3f + 1} replicas. Every certificate
 * in the protocol is counted against one of these; nowhere else is {@code 2f + 1} written out.
 */
public record Quorums(int f) {

    public Quorums {
        if (f < 1) {
            throw new IllegalArgumentException("f must be at least 1, got " + f);
        }
    }

    /** The number of replicas, {@code 3f + 1}. */
    public int n() {
        return 3 * f + 1;
    }

    /** {@code 2f + 1}: any two such sets share at least one correct replica. */
    public int quorum() {
        return 2 * f + 1;
    }

    /** {@code f + 1}: such a set holds at least one correct replica. */
    public int weak() {
        return f + 1;
    }

    /** Matching PREPAREs from distinct backups that, with the pre-prepare, make a request prepared: {@code 2f}. */
    public int preparesNeeded() {
        return 2 * f;
    }

    /** The primary of {@code view}: {@code view mod n}. */
    public int primary(long view) {
        return (int) (view % n());
    }
}
