package org.bftee.core.sim;

import java.nio.ByteBuffer;
import java.util.List;
import org.bftee.core.codec.FrameHeader;

/** Ready-made {@link FrameFault}s for Byzantine links. */
public final class FrameFaults {

    private FrameFaults() {
    }

    /** Carries nothing. */
    public static FrameFault drop() {
        return (link, frame, actions) -> {
        };
    }

    /** Drops every frame of message type {@code type} (byte 5 of the header), carries the others. */
    public static FrameFault dropType(org.bftee.core.message.MessageType type) {
        return (link, frame, actions) -> {
            if (frame.length <= 5 || frame[5] != type.tag()) {
                actions.deliver(frame);
            }
        };
    }

    /** Drops each frame with {@code probability}. */
    public static FrameFault dropWithProbability(double probability) {
        return (link, frame, actions) -> {
            if (actions.random().nextDouble() >= probability) {
                actions.deliver(frame);
            }
        };
    }

    /** Flips one random bit of a random byte: the MAC or the codec must catch it. */
    public static FrameFault corruptOneBit() {
        return (link, frame, actions) -> {
            byte[] copy = frame.clone();
            copy[actions.random().nextInt(copy.length)] ^= (byte) (1 << actions.random().nextInt(8));
            actions.deliver(copy);
        };
    }

    /**
     * Flips one random bit of the header or body, the region every MAC covers: the receiver
     * always rejects the frame (as undecodable, or as forged). A flip anywhere else may hit an
     * authenticator entry the receiver does not check, and go unnoticed, rightly.
     */
    public static FrameFault corruptAuthenticatedRegion() {
        return (link, frame, actions) -> {
            byte[] copy = frame.clone();
            int bodyLength = ByteBuffer.wrap(frame, FrameHeader.LENGTH - Integer.BYTES, Integer.BYTES).getInt();
            int region = FrameHeader.LENGTH + bodyLength;
            copy[actions.random().nextInt(region)] ^= (byte) (1 << actions.random().nextInt(8));
            actions.deliver(copy);
        };
    }

    /**
     * Flips one bit of the trailer entry the link's receiver checks (its entry of an
     * authenticator, or a point-to-point frame's only tag): the receiver always rejects the frame
     * as forged. Frames without a trailer pass unchanged.
     */
    public static FrameFault corruptReceiversTag() {
        return (link, frame, actions) -> {
            int bodyLength = ByteBuffer.wrap(frame, FrameHeader.LENGTH - Integer.BYTES, Integer.BYTES).getInt();
            int trailer = FrameHeader.LENGTH + bodyLength;
            int count = Byte.toUnsignedInt(frame[trailer]);
            int tagLength = Byte.toUnsignedInt(frame[trailer + 1]);
            if (count == 0) {
                actions.deliver(frame);
                return;
            }
            int entry = count == 1 ? 0 : link.to();
            byte[] copy = frame.clone();
            copy[trailer + 2 + entry * tagLength + actions.random().nextInt(tagLength)] ^= 1;
            actions.deliver(copy);
        };
    }

    /** Carries {@code replacement} instead of every frame. */
    public static FrameFault replaceWith(byte[] replacement) {
        byte[] copy = replacement.clone();
        return (link, frame, actions) -> actions.deliver(copy);
    }

    /** Delivers each frame, and again {@code delayMillis} later: a replay of an authentic frame. */
    public static FrameFault replayAfter(long delayMillis) {
        return (link, frame, actions) -> {
            actions.deliver(frame);
            actions.deliverAfter(delayMillis, frame);
        };
    }

    /** Delivers each frame unchanged and keeps it in {@code sink}, for a later {@link SimNetwork#inject}. */
    public static FrameFault record(List<byte[]> sink) {
        return (link, frame, actions) -> {
            sink.add(frame);
            actions.deliver(frame);
        };
    }
}
