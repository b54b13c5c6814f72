package org.bftee.bench.load;

import java.util.Objects;

/**
 * One operation as the generator sends it. The array is shared and never modified (see
 * {@link LoadTarget}), so workloads encode their operations once, not per invocation.
 */
public record Operation(byte[] bytes, boolean readOnly) {

    public Operation {
        Objects.requireNonNull(bytes, "bytes");
    }
}
