package org.bftee.core.client;

import java.util.Objects;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.protocol.Quorums;

/**
 * Who a {@link ClientCore} is and the group it talks to. Validated when built.
 *
 * @param client   this client principal's id; never a replica id ({@code 0..3f})
 * @param f        faults the group tolerates, 0 or more; it has {@code 3f + 1} replicas
 * @param lanes    lanes of this principal, ids {@code 0..lanes-1}, at most {@code limits.lanesPerClientMax()}
 * @param limits   the group's protocol limits (request and reply sizes, large-request threshold)
 * @param timeouts the group's timeouts (first and largest client retransmission timeout)
 */
public record ClientConfig(int client, int f, int lanes, ProtocolLimits limits, ProtocolTimeouts timeouts) {

    public ClientConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeouts, "timeouts");
        if (f < 0) {
            throw new IllegalArgumentException("f must not be negative, got " + f);
        }
        if (client < 3 * f + 1) {
            throw new IllegalArgumentException("client id " + client + " is a replica id of a group with f = " + f
                    + " (replicas are 0.." + 3 * f + ")");
        }
        if (lanes < 1 || lanes > limits.lanesPerClientMax()) {
            throw new IllegalArgumentException("lanes must be in [1, " + limits.lanesPerClientMax()
                    + "] (lanes-per-client-max), got " + lanes);
        }
    }

    public Quorums quorums() {
        return new Quorums(f);
    }

    /** First retransmission timeout of a request, in milliseconds. */
    long retransmitMillis() {
        return Math.max(1, timeouts.clientRetransmit().toMillis());
    }

    /** Ceiling of the doubling retransmission timeout, in milliseconds. */
    long retransmitMaxMillis() {
        return Math.max(1, timeouts.clientRetransmitMax().toMillis());
    }
}
