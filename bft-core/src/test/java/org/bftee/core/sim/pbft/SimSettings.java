package org.bftee.core.sim.pbft;

import java.time.Duration;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.state.ObjectStoreLimits;

/**
 * The group configuration of every simulated PBFT run: limits small enough that checkpoints
 * become stable and the water marks move several times within a run of a second or two of
 * virtual time, and timers short enough that retransmission repairs losses quickly.
 */
final class SimSettings {

    /** Log window 16, checkpoint interval 4, batches of up to 4 requests, 2 batches in flight, large requests above 256 bytes. */
    static final ProtocolLimits LIMITS = new ProtocolLimits(16, 4, 4, 4096, 2, 2048, 2048, 256, 4);

    /** STATUS every 50 ms; clients retransmit after 100 ms, doubling up to 400 ms. View change is not implemented yet. */
    static final ProtocolTimeouts TIMEOUTS = new ProtocolTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100),
            Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(5));

    /** Keys up to 64 bytes, values up to 1 KiB (large puts carry 300 to 700 bytes). */
    static final KvLimits KV_LIMITS = new KvLimits(64, 1024, 16, 4096);

    /** Eight buckets of up to 8 KiB: a small key space never fills one. */
    static final ObjectStoreLimits STORE_LIMITS = new ObjectStoreLimits(8, 8 * 1024,
            ObjectStoreLimits.checkpointsRetainedFor(LIMITS));

    /** The first client principal id; replicas are {@code 0..3f}, so this is free up to f = 333. */
    static final int FIRST_CLIENT = 1000;

    private SimSettings() {
    }
}
