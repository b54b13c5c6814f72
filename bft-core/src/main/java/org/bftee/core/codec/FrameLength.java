package org.bftee.core.codec;

/**
 * The length of the frame at the start of a transport's receive buffer, as far as the bytes
 * received so far tell ({@link FrameHeader#peekFrameLength}).
 */
public sealed interface FrameLength permits FrameLength.Complete, FrameLength.Incomplete, FrameLength.Invalid {

    /** The frame is {@code frameBytes} long (it may not all be there yet); at most the frame limit. */
    record Complete(int frameBytes) implements FrameLength {
    }

    /** Wait until at least {@code bytesNeeded} bytes (counted from the frame's start) are there, then ask again. */
    record Incomplete(int bytesNeeded) implements FrameLength {
    }

    /** The stream does not hold a frame of this group's format: close the connection. */
    record Invalid(RejectReason reason, String detail) implements FrameLength {
    }
}
