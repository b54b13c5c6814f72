package org.bftee.core.client;

/**
 * What {@link ClientCore#invoke} did with an operation. Only conditions that the application's
 * input can cause are reported here; driver bugs (an unknown lane, a lane that is busy) are
 * exceptions.
 */
public enum Invocation {

    /** The request was sent; the listener will hear of its result or failure, unless it is cancelled. */
    STARTED,

    /** The operation exceeds {@code ProtocolLimits.requestBytesMax()}; nothing was sent and the lane stays idle. */
    REFUSED_OPERATION_TOO_LARGE
}
