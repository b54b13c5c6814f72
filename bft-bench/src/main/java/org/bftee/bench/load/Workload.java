package org.bftee.bench.load;

import java.util.List;
import java.util.Objects;

/**
 * What the clients send. {@code argumentBytes} and {@code resultBytes} are the payload sizes the
 * name promises (the value written or read; each operation adds a few bytes of encoding and each
 * result a status byte); {@code readOnly} says whether every operation takes the read-only path.
 * The {@code setup} operations run once, in order, before a workload's first measured run, to put
 * the state its operations expect. The standard workloads are in {@link Workloads}.
 */
public record Workload(String name, int argumentBytes, int resultBytes, boolean readOnly, List<Operation> setup,
        OperationSource.Factory operations) {

    public Workload {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a workload has a name");
        }
        if (argumentBytes < 0 || resultBytes < 0) {
            throw new IllegalArgumentException("payload sizes are not negative, got " + argumentBytes + " and "
                    + resultBytes);
        }
        setup = List.copyOf(setup);
        Objects.requireNonNull(operations, "operations");
    }
}
