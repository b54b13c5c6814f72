package org.bftee.core.sim.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Liveness after the faults stop: every operation outstanding when the faults stopped, or invoked
 * after, completes within {@code boundMillis} of the later of the two times. Operations that
 * complete while faults go on are not judged. The scenario reports when faults stop (the network
 * healed, the Byzantine hooks removed, at most {@code f} replicas still down).
 */
public final class LivenessChecker {

    private final long boundMillis;
    private final Map<RequestId, Long> invokedAt = new LinkedHashMap<>();
    private final Map<RequestId, Long> completedAt = new LinkedHashMap<>();
    private long faultsStoppedAt = -1;

    public LivenessChecker(long boundMillis) {
        if (boundMillis <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + boundMillis);
        }
        this.boundMillis = boundMillis;
    }

    public void invoked(RequestId operation, long timeMillis) {
        invokedAt.putIfAbsent(operation, timeMillis);
    }

    public void completed(RequestId operation, long timeMillis) {
        completedAt.putIfAbsent(operation, timeMillis);
    }

    /** From {@code timeMillis} on the run has no more faults than the protocol tolerates while live. */
    public void faultsStopped(long timeMillis) {
        faultsStoppedAt = timeMillis;
    }

    /**
     * Every operation that should have completed by {@code nowMillis} and did not, or completed late.
     *
     * @throws IllegalStateException if the scenario never said when faults stopped: a scenario bug
     */
    public List<String> violations(long nowMillis) {
        if (faultsStoppedAt < 0) {
            throw new IllegalStateException("faultsStopped was never called: liveness has no start");
        }
        List<String> violations = new ArrayList<>();
        invokedAt.forEach((operation, invoked) -> {
            Long completed = completedAt.get(operation);
            if (completed != null && completed < faultsStoppedAt) {
                return;
            }
            long deadline = Math.max(invoked, faultsStoppedAt) + boundMillis;
            if (completed == null && nowMillis >= deadline) {
                violations.add(operation + " invoked at " + invoked + " ms still outstanding at " + nowMillis
                        + " ms; faults stopped at " + faultsStoppedAt + " ms, bound " + boundMillis + " ms");
            } else if (completed != null && completed > deadline) {
                violations.add(operation + " invoked at " + invoked + " ms completed at " + completed
                        + " ms, after its deadline " + deadline + " ms (faults stopped at " + faultsStoppedAt + " ms)");
            }
        });
        return violations;
    }

    public void verify(long nowMillis) {
        Violation.throwIfAny("liveness", violations(nowMillis));
    }
}
