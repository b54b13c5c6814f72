package org.bftee.runtime.net;

import java.net.InetAddress;

/**
 * Who a listening endpoint lets in: asked for every accepted connection before its pipeline exists, and
 * told of every stream that lost its framing. Called on event loops: implementations are thread-safe
 * and never block.
 */
public interface Admission {

    /** Lets everyone in and forgets nothing. */
    Admission OPEN = new Admission() {
        @Override
        public boolean admits(InetAddress host) {
            return true;
        }

        @Override
        public void framingLost(InetAddress host) {
        }
    };

    /** Whether a connection from {@code host} may be accepted now; a refused one is closed before it is read. */
    boolean admits(InetAddress host);

    /** A stream from {@code host} sent an invalid frame header (garbage, an oversized length) and was closed. */
    void framingLost(InetAddress host);
}
