package org.bftee.core.protocol;

/**
 * The named timers of the protocol (one per purpose, as TigerBeetle names its timeouts). A state
 * machine asks its driver to set or cancel them through its {@link Outbox}; the driver feeds an
 * expiry back as an event. Setting a timer that is already set restarts it.
 */
public enum ProtocolTimer {
    /** A backup waits for a request it knows of; on expiry it suspects the primary. */
    VIEW_CHANGE,
    /** Periodic STATUS messages that drive retransmission. */
    STATUS,
    /** The primary closes a partial batch when no earlier batch is in flight to wait for. */
    BATCH,
    /** A client retransmits its outstanding requests. */
    CLIENT_RETRANSMIT,
    /** Periodic NEW-KEY session key refresh. */
    KEY_REFRESH,
    /** Proactive recovery watchdog. */
    RECOVERY
}
