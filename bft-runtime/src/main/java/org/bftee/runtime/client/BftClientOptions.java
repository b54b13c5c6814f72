package org.bftee.runtime.client;

import java.time.Duration;

/**
 * How a {@link BftClient} session behaves.
 *
 * @param lanes          requests outstanding at once (each on its own lane, DESIGN.md "Client principals and lanes")
 * @param queuedCallsMax calls waiting for a free lane at most; more fail at once with {@code OperationRejected}
 * @param callTimeout    how long a call waits for its certified result before it fails with {@code Timeout}
 * @param connectTimeout how long {@link BftClient#connect} waits to exchange keys with {@code 2f + 1} replicas
 */
public record BftClientOptions(int lanes, int queuedCallsMax, Duration callTimeout, Duration connectTimeout) {

    public BftClientOptions {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be positive, got " + lanes);
        }
        if (queuedCallsMax < 0) {
            throw new IllegalArgumentException("queuedCallsMax must not be negative, got " + queuedCallsMax);
        }
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
    }

    /** 16 lanes, 10,000 queued calls, 30 s per call, 10 s to connect. */
    public static BftClientOptions defaults() {
        return new BftClientOptions(16, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public BftClientOptions withLanes(int value) {
        return new BftClientOptions(value, queuedCallsMax, callTimeout, connectTimeout);
    }

    public BftClientOptions withCallTimeout(Duration value) {
        return new BftClientOptions(lanes, queuedCallsMax, value, connectTimeout);
    }
}
