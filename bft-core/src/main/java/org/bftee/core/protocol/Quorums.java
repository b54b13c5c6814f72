package org.bftee.core.protocol;

/**
 * The quorum sizes of PROTOCOL.md for a group of {@code n = 3f + 1} replicas. Every certificate
 * in the protocol is counted against one of these; nowhere else is {@code 2f + 1} written out.
 *
 * <p>{@code f = 0} is allowed: a group of one replica that tolerates no fault, the unreplicated
 * baseline of the paper's comparisons run through the same code. Every certificate is then the
 * replica's own vote: a pre-prepare prepares at once (no PREPARE is needed), its own COMMIT
 * commits, its own CHECKPOINT is stable, and one reply is a result. No rule divides by {@code f},
 * so the arithmetic below holds unchanged. The one count that goes negative, the new primary's
 * {@code 2f - 1} acks per VIEW-CHANGE, is met by any number of acks, and a group of one never
 * changes view anyway: its replica is the primary of every view, and only a backup runs the
 * view-change timer.
 */
public record Quorums(int f) {

    public Quorums {
        if (f < 0) {
            throw new IllegalArgumentException("f must not be negative, got " + f);
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
