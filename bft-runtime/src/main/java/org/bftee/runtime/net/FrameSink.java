package org.bftee.runtime.net;

import java.nio.ByteBuffer;

/**
 * Where a transport hands each complete inbound frame: header, body and trailer, exactly one
 * frame, checked against the frame limit before any byte of it was buffered. Called on a Netty
 * event loop: an implementation must not block; it queues the frame for the owner thread of the
 * state machine (STYLE rule 10) or drops it with a counter when that queue is full.
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * @param from  the connection the frame came in on; replies to a client go back on it
     * @param frame the frame, owned by the sink from now on (a heap buffer the transport never touches again)
     */
    void onFrame(FrameConnection from, ByteBuffer frame);
}
