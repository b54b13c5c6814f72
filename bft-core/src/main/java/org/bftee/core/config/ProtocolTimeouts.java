package org.bftee.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol's timers, one named duration each. The core never reads a clock: the driver turns
 * these into timer effects and feeds expiries back as events.
 *
 * @param viewChange            how long a backup waits for a request it knows of before it starts
 *                              a view change; doubled on each consecutive view change
 * @param status                period of the STATUS messages that drive retransmission
 * @param clientRetransmit      first client retransmission timeout
 * @param clientRetransmitMax   ceiling of the client's doubling retransmission timeout
 * @param keyRefresh            period of NEW-KEY session key refreshes
 */
public record ProtocolTimeouts(
        Duration viewChange,
        Duration status,
        Duration clientRetransmit,
        Duration clientRetransmitMax,
        Duration keyRefresh) {

    public static ProtocolTimeouts defaults() {
        return new ProtocolTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofSeconds(8), Duration.ofMinutes(5));
    }

    public ProtocolTimeouts {
        List<String> problems = problems(viewChange, status, clientRetransmit, clientRetransmitMax, keyRefresh);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Every invalid timeout or relation, each naming the field. Empty when valid. */
    public static List<String> problems(Duration viewChange, Duration status, Duration clientRetransmit,
                                        Duration clientRetransmitMax, Duration keyRefresh) {
        List<String> problems = new ArrayList<>();
        positive(problems, "view-change", viewChange);
        positive(problems, "status", status);
        positive(problems, "client-retransmit", clientRetransmit);
        positive(problems, "client-retransmit-max", clientRetransmitMax);
        positive(problems, "key-refresh", keyRefresh);
        if (!problems.isEmpty()) {
            return problems;
        }
        if (clientRetransmitMax.compareTo(clientRetransmit) < 0) {
            problems.add("client-retransmit-max (" + clientRetransmitMax + ") is shorter than client-retransmit ("
                    + clientRetransmit + ")");
        }
        // Retransmission must be able to repair lost messages before a backup gives up on the primary.
        if (status.compareTo(viewChange) >= 0) {
            problems.add("status (" + status + ") must be shorter than view-change (" + viewChange + ")");
        }
        if (keyRefresh.compareTo(viewChange) <= 0) {
            problems.add("key-refresh (" + keyRefresh + ") must be longer than view-change (" + viewChange + ")");
        }
        return problems;
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(name + " must be a positive duration, got " + value);
        }
    }
}
