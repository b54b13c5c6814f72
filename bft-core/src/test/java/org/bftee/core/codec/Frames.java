package org.bftee.core.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.MessageType;

/** Builds and takes apart raw frames, for tests that need frames the encoder would never write. */
final class Frames {

    private Frames() {
    }

    static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static int bodyLength(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt(FrameHeader.BODY_LENGTH_OFFSET);
    }

    static byte[] header(byte[] frame) {
        return Arrays.copyOf(frame, FrameHeader.LENGTH);
    }

    static byte[] body(byte[] frame) {
        return Arrays.copyOfRange(frame, FrameHeader.LENGTH, FrameHeader.LENGTH + bodyLength(frame));
    }

    static byte[] trailer(byte[] frame) {
        return Arrays.copyOfRange(frame, FrameHeader.LENGTH + bodyLength(frame), frame.length);
    }

    /** A header for {@code type} in {@code group} with the given body length. */
    static byte[] header(MessageType type, int group, int sender, int bodyLength) {
        return ByteBuffer.allocate(FrameHeader.LENGTH).putInt(FrameHeader.MAGIC).put((byte) FrameHeader.VERSION)
                .put((byte) type.tag()).putInt(group).putInt(sender).putInt(bodyLength).array();
    }

    /** Tag count, tag length and tags. */
    static byte[] trailer(Authenticator authenticator) {
        if (authenticator == null) {
            return new byte[2];
        }
        ByteBuffer trailer = ByteBuffer.allocate(2 + authenticator.size());
        trailer.put((byte) authenticator.count()).put((byte) authenticator.tagLength());
        authenticator.writeTo(trailer);
        return trailer.array();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    /** {@code frame} with its body replaced by {@code body} and the header's body length to match. */
    static byte[] withBody(byte[] frame, byte[] body) {
        byte[] header = header(frame);
        ByteBuffer.wrap(header).putInt(FrameHeader.BODY_LENGTH_OFFSET, body.length);
        return concat(header, body, trailer(frame));
    }

    /** A copy of {@code bytes} with the big-endian int at {@code offset} set to {@code value}. */
    static byte[] withInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    /** A copy of {@code bytes} with the big-endian long at {@code offset} set to {@code value}. */
    static byte[] withLong(byte[] bytes, int offset, long value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putLong(offset, value);
        return copy;
    }

    /** A copy of {@code bytes} with the byte at {@code offset} set to {@code value}. */
    static byte[] withByte(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        copy[offset] = (byte) value;
        return copy;
    }
}
