package org.bftee.core.sim.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exactly-once execution: no correct replica executes one client operation
 * {@code (client, lane, timestamp)} at two different sequence numbers, and every operation a
 * client completed was executed by some correct replica. Re-executing an operation at the same
 * sequence number (a replay of the log after a rollback or a recovery) is not a second execution.
 *
 * <p>Feed it ordered (read-write) operations only: read-only operations are executed at once by
 * every replica that receives them, as often as the client retransmits, and change nothing.
 *
 * <p>Optionally it also checks where executed operations came from: for a client named with
 * {@link #trackIssuesOf}, every operation a correct replica executes must be one the client
 * {@link #issued} (sent). A request a Byzantine primary invented in the client's name, with a
 * garbage authenticator, is then flagged when a correct replica executes it.
 */
public final class ExactlyOnceChecker {

    private final Set<Integer> faulty;
    /** Per operation, per correct replica, the sequence number it executed the operation at. */
    private final Map<RequestId, Map<Integer, Long>> executions = new HashMap<>();
    private final Set<RequestId> completed = new LinkedHashSet<>();
    private final Set<Integer> trackedClients = new HashSet<>();
    private final Set<RequestId> issued = new HashSet<>();
    private final List<String> violations = new ArrayList<>();

    /** @param faulty the replicas that are not correct in this run */
    public ExactlyOnceChecker(Set<Integer> faulty) {
        this.faulty = Set.copyOf(faulty);
    }

    public static ExactlyOnceChecker allCorrect() {
        return new ExactlyOnceChecker(Set.of());
    }

    /** {@code replica} executed {@code operation} as part of the batch at {@code sequence}. */
    public void executed(int replica, long sequence, RequestId operation) {
        if (faulty.contains(replica)) {
            return;
        }
        Long earlier = executions.computeIfAbsent(operation, o -> new HashMap<>()).putIfAbsent(replica, sequence);
        if (earlier != null && earlier != sequence) {
            violations.add("replica " + replica + " executed " + operation + " twice, at sequence " + earlier
                    + " and at sequence " + sequence);
        }
    }

    /** From now on {@code client} reports every operation it sends ({@link #issued}); it must be a correct client. */
    public void trackIssuesOf(int client) {
        trackedClients.add(client);
    }

    /** A tracked client sent {@code operation} to the replicas. */
    public void issued(RequestId operation) {
        issued.add(operation);
    }

    /** The client accepted a result for {@code operation}. */
    public void completed(RequestId operation) {
        completed.add(operation);
    }

    /**
     * Every violation: duplicates found so far, completed operations no correct replica executed,
     * and executed operations of a tracked client that the client never issued.
     */
    public List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        executions.forEach((operation, byReplica) -> {
            if (trackedClients.contains(operation.client()) && !issued.contains(operation)) {
                byReplica.forEach((replica, sequence) -> all.add("replica " + replica + " executed " + operation
                        + " at sequence " + sequence + " but client " + operation.client() + " never issued it"));
            }
        });
        for (RequestId operation : completed) {
            if (!executions.containsKey(operation)) {
                all.add("client completed " + operation + " but no correct replica executed it");
            }
        }
        return all;
    }

    public void verify() {
        Violation.throwIfAny("exactly-once execution", violations());
    }
}
