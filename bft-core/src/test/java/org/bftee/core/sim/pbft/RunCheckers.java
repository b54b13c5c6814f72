package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bftee.core.sim.check.AgreementChecker;
import org.bftee.core.sim.check.ExactlyOnceChecker;
import org.bftee.core.sim.check.KvHistory;
import org.bftee.core.sim.check.LinearizabilityChecker;
import org.bftee.core.sim.check.LivenessChecker;
import org.bftee.core.sim.check.RequestId;
import org.bftee.core.sim.check.Violation;

/**
 * Every checker one simulated PBFT run is judged by, fed by the {@link SimReplica}s (committed
 * executions, checkpoints) and the {@link SimClient}s (issued requests, invocations and results).
 * Safety is verified after the run: agreement, exactly-once (including that correct replicas
 * execute only requests correct clients issued), that no client saw conflicting replies, and
 * linearizability of every client's history. Liveness is verified separately, because some
 * scenarios (a Byzantine primary, with no view change yet) assert safety only.
 */
final class RunCheckers {

    final AgreementChecker agreement;
    /**
     * Agreement over every execution, tentative ones included, per view: two prepared
     * certificates of one view intersect in a correct replica, so no correct replica executes,
     * even tentatively, another batch at a sequence number than any other correct replica executes
     * there in the same view. Across views a tentative execution may be undone and redone
     * differently; committed ones are {@link #agreement}'s business.
     */
    private final Map<Long, AgreementChecker> executionAgreementByView = new java.util.TreeMap<>();
    private final Set<Integer> faulty;
    final ExactlyOnceChecker exactlyOnce;
    final KvHistory history = new KvHistory();
    final LivenessChecker liveness;
    private final List<String> clientFailures = new ArrayList<>();
    private final Map<RequestId, Long> invokedAt = new HashMap<>();
    /** Ordered operations clients completed that no replica has reported executed and committed yet. */
    private final Set<RequestId> completedNotYetCommitted = new HashSet<>();
    private final Set<RequestId> committed = new HashSet<>();
    private long faultsStoppedAtMillis = -1;
    private long slowestAfterFaultsMillis;
    private final LinearizabilityChecker linearizability = new LinearizabilityChecker();

    /**
     * @param faulty              replicas whose observations are ignored (their state machine may lie)
     * @param livenessBoundMillis how long after the faults stop every outstanding operation has to complete
     */
    RunCheckers(Set<Integer> faulty, long livenessBoundMillis) {
        this.agreement = new AgreementChecker(faulty);
        this.faulty = Set.copyOf(faulty);
        this.exactlyOnce = new ExactlyOnceChecker(faulty);
        this.liveness = new LivenessChecker(livenessBoundMillis);
    }

    /** {@code replica} executed, perhaps tentatively, {@code batchDigest} at {@code sequence} in {@code view}. */
    void executedInView(long view, int replica, long sequence, org.bftee.core.crypto.Digest batchDigest) {
        executionAgreementByView.computeIfAbsent(view, v -> new AgreementChecker(faulty))
                .executed(replica, sequence, batchDigest);
    }

    void invoked(RequestId operation, long timeMillis) {
        invokedAt.put(operation, timeMillis);
        liveness.invoked(operation, timeMillis);
    }

    void completed(RequestId operation, long timeMillis) {
        liveness.completed(operation, timeMillis);
        Long invoked = invokedAt.remove(operation);
        if (faultsStoppedAtMillis >= 0 && invoked != null) {
            slowestAfterFaultsMillis = Math.max(slowestAfterFaultsMillis,
                    timeMillis - Math.max(invoked, faultsStoppedAtMillis));
        }
    }

    /** A client accepted the result of the ordered operation {@code operation}. */
    void orderedCompleted(RequestId operation) {
        exactlyOnce.completed(operation);
        if (!committed.contains(operation)) {
            completedNotYetCommitted.add(operation);
        }
    }

    /** {@code replica} executed {@code operation} in the committed batch {@code sequence}. */
    void executedCommitted(int replica, long sequence, RequestId operation) {
        exactlyOnce.executed(replica, sequence, operation);
        committed.add(operation);
        completedNotYetCommitted.remove(operation);
    }

    /**
     * Whether every ordered result a client accepted has been committed somewhere: a client may
     * accept {@code 2f + 1} tentative replies, and the run must not end before their batch commits.
     */
    boolean everyAcceptedResultCommitted() {
        return completedNotYetCommitted.isEmpty();
    }

    void faultsStopped(long timeMillis) {
        faultsStoppedAtMillis = timeMillis;
        liveness.faultsStopped(timeMillis);
    }

    /** The longest an operation took to complete, counted from the later of its invocation and the end of the faults. */
    long slowestAfterFaultsMillis() {
        return slowestAfterFaultsMillis;
    }

    /** A correct client got a result it must not get (conflicting replies): with at most f faulty replicas, never. */
    void clientFailed(String what) {
        clientFailures.add(what);
    }

    /** Throws the first safety violation: agreement, exactly-once, client failures, linearizability. */
    void verifySafety() {
        agreement.verify();
        executionAgreementByView.forEach((view, checker) -> {
            if (!checker.violations().isEmpty()) {
                throw new Violation("agreement of tentative executions in view " + view + " violated: "
                        + String.join("; ", checker.violations()));
            }
        });
        exactlyOnce.verify();
        if (!clientFailures.isEmpty()) {
            throw new Violation("correct clients failed: " + String.join("; ", clientFailures));
        }
        linearizability.verify(history);
    }

    void verifyLiveness(long nowMillis) {
        liveness.verify(nowMillis);
    }
}
