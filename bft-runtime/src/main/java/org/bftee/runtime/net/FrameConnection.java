package org.bftee.runtime.net;

import java.nio.ByteBuffer;

/**
 * One connection that carries frames, inbound (accepted by a listening replica) or outbound
 * (dialed to a peer, with reconnection). Writes may come from any thread: they are queued on the
 * connection's event loop and coalesced until {@link #flush()}. A write while the connection is
 * down is dropped and counted: the protocol's retransmission repairs it, nothing assumes delivery.
 */
public interface FrameConnection {

    /** Queues {@code frame} (a sealed frame; the transport copies it or takes it over) without flushing. */
    void write(ByteBuffer frame);

    /** Flushes what was written since the last flush. */
    void flush();

    /** Whether the connection is up now. */
    boolean isActive();

    /** The remote address, for logs. */
    String remote();

    /** The remote host of a connection accepted from it, for cutting a flooding host off; null if unknown. */
    default java.net.InetAddress remoteHost() {
        return null;
    }
}
