package org.bftee.runtime.driver;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Threads a {@link ReplicaDriver} takes from its host instead of making its own, for example a
 * Jakarta EE container's managed thread factory and a scheduler running on one of its threads.
 *
 * <p>The driver never shuts the scheduler down, since others may share it; it cancels its own
 * scheduled expiries when it closes. The scheduler's threads only hand expiries to the owner
 * thread, so any number of them keeps the single-owner rule.
 *
 * @param ownerThreads   makes the one owner thread of the replica core
 * @param timerScheduler runs the protocol timers' expiries
 */
public record DriverThreads(ThreadFactory ownerThreads, ScheduledExecutorService timerScheduler) {

    public DriverThreads {
        Objects.requireNonNull(ownerThreads, "ownerThreads");
        Objects.requireNonNull(timerScheduler, "timerScheduler");
    }
}
