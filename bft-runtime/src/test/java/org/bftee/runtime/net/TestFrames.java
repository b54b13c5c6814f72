package org.bftee.runtime.net;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bftee.core.codec.DecodeResult;
import org.bftee.core.codec.FrameHeader;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.Reply;

/** Real frames made by bft-core's encoder, and raw headers the encoder would never write. */
final class TestFrames {

    static final int GROUP = 0x0B0B;
    static final WireLimits LIMITS = WireLimits.defaults();
    static final MessageCodec CODEC = new MessageCodec(GROUP, LIMITS);

    private static final int REPLICA = 2;
    private static final int CLIENT = 1000;

    private TestFrames() {
    }

    /** A REPLY whose result is {@code resultBytes} bytes of {@code timestamp}, so that every frame differs. */
    static Reply reply(long timestamp, int resultBytes) {
        byte[] result = new byte[resultBytes];
        Arrays.fill(result, (byte) timestamp);
        return new Reply(7, CLIENT, 0, timestamp, REPLICA, Reply.TENTATIVE, Bytes.of(result));
    }

    /** The encoded frame of {@code message}, with a one-tag MAC trailer. */
    static ByteBuffer frame(Message message) {
        byte[] tag = new byte[16];
        Arrays.fill(tag, (byte) 0x5A);
        return CODEC.encode(REPLICA, message, Authenticator.wrap(tag, 16));
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static byte[] frameBytes(Message message) {
        return bytes(frame(message));
    }

    static Message decode(ByteBuffer frame) {
        return assertInstanceOf(DecodeResult.Decoded.class, CODEC.decode(frame)).message();
    }

    /** A header with the right magic and version and the given body length. */
    static byte[] header(int version, int bodyLength) {
        return ByteBuffer.allocate(FrameHeader.LENGTH).putInt(FrameHeader.MAGIC).put((byte) version)
                .put((byte) MessageType.REPLY.tag()).putInt(GROUP).putInt(REPLICA).putInt(bodyLength).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
