package org.bftee.runtime.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.bftee.core.codec.FrameHeader;
import org.bftee.core.codec.FrameLength;
import org.bftee.core.codec.WireLimits;

/**
 * Cuts an inbound byte stream into bft-core frames with {@link FrameHeader#peekFrameLength} and emits
 * each as a heap {@link ByteBuffer} holding exactly one frame, which the next handler hands over.
 *
 * <p>The header is peeked on a view of the received bytes, without copying. A declared length above
 * {@link WireLimits#frameBytesMax()} is refused as soon as the header is there, so the stream never
 * buffers more than one frame's limit plus one socket read. A header that is invalid for any reason
 * (bad magic, version, length) means the stream lost its framing: nothing after it can be trusted to
 * start a frame, so the reason is counted, logged once and the connection closed.
 *
 * <p>One instance per channel: it keeps the length it waits for and whether framing was lost.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private static final System.Logger LOG = System.getLogger(FrameDecoder.class.getName());

    private final WireLimits limits;
    private final TransportCounters counters;
    /** Told when the stream loses its framing: the listening side's admission counts it against the host. */
    private final Runnable onFramingLost;

    /** Bytes, from the frame's start, below which peeking again would tell nothing new. */
    private int bytesNeeded = FrameHeader.LENGTH;
    private boolean framingLost;

    public FrameDecoder(WireLimits limits, TransportCounters counters) {
        this(limits, counters, () -> { });
    }

    FrameDecoder(WireLimits limits, TransportCounters counters, Runnable onFramingLost) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.onFramingLost = Objects.requireNonNull(onFramingLost, "onFramingLost");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (framingLost) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int readable = in.readableBytes();
        if (readable < bytesNeeded) {
            return;
        }
        FrameLength length = FrameHeader.peekFrameLength(in.nioBuffer(in.readerIndex(), readable), limits);
        if (length instanceof FrameLength.Complete complete) {
            if (readable < complete.frameBytes()) {
                bytesNeeded = complete.frameBytes();
                return;
            }
            out.add(copyFrame(in, complete.frameBytes()));
            bytesNeeded = FrameHeader.LENGTH;
            counters.recordFrameIn();
        } else if (length instanceof FrameLength.Incomplete incomplete) {
            bytesNeeded = incomplete.bytesNeeded();
        } else if (length instanceof FrameLength.Invalid invalid) {
            loseFraming(ctx, in, invalid);
        } else {
            throw new IllegalStateException("unknown frame length answer " + length);
        }
    }

    /** The sink owns the frame from now on, so it gets its own heap copy, not a view of a pooled buffer. */
    private static ByteBuffer copyFrame(ByteBuf in, int frameBytes) {
        ByteBuffer frame = ByteBuffer.allocate(frameBytes);
        in.readBytes(frame);
        return frame.flip();
    }

    private void loseFraming(ChannelHandlerContext ctx, ByteBuf in, FrameLength.Invalid invalid) {
        framingLost = true;
        in.skipBytes(in.readableBytes());
        counters.recordFrameRejected(invalid.reason());
        counters.recordConnectionCut();
        onFramingLost.run();
        LOG.log(Level.WARNING, "Closing the connection with {0}: invalid frame header, {1} ({2})",
                ctx.channel().remoteAddress(), invalid.reason(), invalid.detail());
        ctx.close();
    }
}
