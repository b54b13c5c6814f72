package org.bftee.core.auth;

import java.util.Objects;
import java.util.Set;
import org.bftee.core.protocol.Quorums;

/**
 * Who may author frames in a group: replicas {@code 0..n-1} and a fixed set of client principals.
 * Immutable.
 *
 * @param quorums the group's size, {@code n = 3f + 1}, and its primary rule
 * @param clients the client principal ids; none is a replica id
 */
public record Principals(Quorums quorums, Set<Integer> clients) {

    public Principals {
        Objects.requireNonNull(quorums, "quorums");
        clients = Set.copyOf(clients);
        for (int client : clients) {
            if (client >= 0 && client < quorums.n()) {
                throw new IllegalArgumentException("client id " + client + " collides with a replica id of a group of "
                        + quorums.n());
            }
            if (client < 0) {
                throw new IllegalArgumentException("client id " + client + " is negative");
            }
        }
    }

    /** The number of replicas. */
    public int n() {
        return quorums.n();
    }

    public boolean isReplica(int principal) {
        return principal >= 0 && principal < quorums.n();
    }

    public boolean isClient(int principal) {
        return clients.contains(principal);
    }

    public boolean isKnown(int principal) {
        return isReplica(principal) || isClient(principal);
    }
}
