package org.bftee.core.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bftee.core.crypto.Digest;

/**
 * Safety of the ordering: every correct replica executes the same batch at each sequence number,
 * and reaches the same state digest at each checkpoint. Feed it each replica's committed
 * executions (not tentative ones, which a view change may roll back) and checkpoints; observing
 * the same thing twice (a replay after recovery) is fine. Observations from replicas named faulty
 * are ignored: a Byzantine replica may report anything.
 */
public final class AgreementChecker {

    private final Set<Integer> faulty;
    private final Map<Long, Observation> batches = new HashMap<>();
    private final Map<Long, Observation> checkpoints = new HashMap<>();
    private final List<String> violations = new ArrayList<>();

    private record Observation(int replica, Digest digest) {
    }

    /** @param faulty the replicas that are not correct in this run */
    public AgreementChecker(Set<Integer> faulty) {
        this.faulty = Set.copyOf(faulty);
    }

    /** A checker for a run in which every replica is correct. */
    public static AgreementChecker allCorrect() {
        return new AgreementChecker(Set.of());
    }

    /** {@code replica} executed, committed, the batch with {@code batchDigest} at {@code sequence}. */
    public void executed(int replica, long sequence, Digest batchDigest) {
        observe(batches, "executed batch", replica, sequence, batchDigest);
    }

    /** {@code replica}'s state after executing {@code sequence} has digest {@code stateDigest}. */
    public void checkpointed(int replica, long sequence, Digest stateDigest) {
        observe(checkpoints, "has checkpoint", replica, sequence, stateDigest);
    }

    private void observe(Map<Long, Observation> seen, String what, int replica, long sequence, Digest digest) {
        if (faulty.contains(replica)) {
            return;
        }
        Observation first = seen.putIfAbsent(sequence, new Observation(replica, digest));
        if (first != null && !first.digest().equals(digest)) {
            violations.add("at sequence " + sequence + " replica " + replica + " " + what + " " + shortHex(digest)
                    + " but replica " + first.replica() + " " + what + " " + shortHex(first.digest()));
        }
    }

    /** Every disagreement found so far, one line each. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Throws a {@link Violation} naming the first disagreements, if there are any. */
    public void verify() {
        Violation.throwIfAny("agreement", violations);
    }

    /** The digest's first eight bytes in hex, as {@link Digest#toString()} shows them. */
    static String shortHex(Digest digest) {
        return digest.toString();
    }
}
