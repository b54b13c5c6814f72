package org.bftee.runtime.net;

/**
 * A {@link FrameConnection} its owner can cut. Every connection {@link NettyTransport} hands out,
 * to a {@link FrameSink} or from {@code dial}, is one of these.
 *
 * <p>The transport itself closes a connection only when the stream loses its framing. Frames that are
 * well framed but fail decoding or authentication are the owner's to judge: it counts them per
 * connection and, past {@link TransportSettings#rejectedFramesBeforeCut()}, calls {@link #close(String)}.
 */
public interface CloseableFrameConnection extends FrameConnection {

    /**
     * Closes the connection now, logs {@code reason} with the remote address and counts the cut. An
     * accepted connection is gone for good (the peer may dial again); a dialed one reconnects after its
     * backoff, which keeps growing while connections are cut soon after they come up. Any thread.
     */
    void close(String reason);
}
