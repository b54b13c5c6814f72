package org.bftee.core.protocol;

/**
 * The current time, handed to the core from outside (the core never reads a clock): the runtime
 * passes the system clock, the simulator its virtual time. Used only where the protocol needs a
 * reading of real time, namely the non-deterministic inputs that the primary proposes and the
 * backups check.
 */
@FunctionalInterface
public interface TimeSource {

    /** Milliseconds since the epoch, as this replica's clock reads them. */
    long nowMillis();
}
