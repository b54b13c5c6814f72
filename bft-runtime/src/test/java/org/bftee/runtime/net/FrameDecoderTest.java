package org.bftee.runtime.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bftee.core.codec.FrameHeader;
import org.bftee.core.codec.RejectReason;
import org.bftee.core.message.Message;
import org.bftee.core.message.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FrameDecoder} on an {@link EmbeddedChannel}: fragmented, coalesced, oversized and garbage input. */
class FrameDecoderTest {

    private final TransportCounters counters = new TransportCounters();
    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(TestFrames.LIMITS, counters));

    @AfterEach
    void releaseChannel() {
        channel.finishAndReleaseAll();
    }

    private void feed(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private List<ByteBuffer> frames() {
        List<ByteBuffer> frames = new ArrayList<>();
        for (ByteBuffer frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            frames.add(frame);
        }
        return frames;
    }

    /** Each frame is exactly one frame, in a heap buffer of its own, from position 0. */
    private static void assertFrame(byte[] expected, ByteBuffer actual) {
        assertFalse(actual.isDirect(), "frames handed to the sink are heap buffers");
        assertEquals(0, actual.position());
        assertEquals(expected.length, actual.capacity(), "the buffer holds one frame and nothing else");
        assertArrayEquals(expected, TestFrames.bytes(actual));
    }

    @Test
    void aFrameFedOneByteAtATimeComesOutWhole() {
        Reply reply = TestFrames.reply(1, 300);
        byte[] frame = TestFrames.frameBytes(reply);

        for (int i = 0; i < frame.length - 1; i++) {
            feed(new byte[] {frame[i]});
            assertNull(channel.readInbound(), "no frame before its last byte, at byte " + i);
        }
        feed(new byte[] {frame[frame.length - 1]});

        List<ByteBuffer> frames = frames();
        assertEquals(1, frames.size());
        assertFrame(frame, frames.get(0));
        assertEquals(reply, TestFrames.decode(frames.get(0)));
        assertEquals(1, counters.framesIn());
        assertTrue(channel.isOpen());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void framesCoalescedInOneBufferComeOutOneByOne(int count) {
        List<Message> sent = new ArrayList<>();
        byte[][] encoded = new byte[count][];
        for (int i = 0; i < count; i++) {
            Reply reply = TestFrames.reply(10 + i, 50 * i);
            sent.add(reply);
            encoded[i] = TestFrames.frameBytes(reply);
        }

        feed(TestFrames.concat(encoded));

        List<ByteBuffer> frames = frames();
        assertEquals(count, frames.size());
        for (int i = 0; i < count; i++) {
            assertFrame(encoded[i], frames.get(i));
            assertEquals(sent.get(i), TestFrames.decode(frames.get(i)));
        }
        assertEquals(count, counters.framesIn());
    }

    @Test
    void aFrameCutInTheMiddleComesOutWhenTheRestArrives() {
        byte[] first = TestFrames.frameBytes(TestFrames.reply(1, 100));
        byte[] second = TestFrames.frameBytes(TestFrames.reply(2, 200));
        int cut = second.length / 2;

        feed(TestFrames.concat(first, Arrays.copyOf(second, cut)));
        List<ByteBuffer> before = frames();
        feed(Arrays.copyOfRange(second, cut, second.length));
        List<ByteBuffer> after = frames();

        assertEquals(1, before.size());
        assertFrame(first, before.get(0));
        assertEquals(1, after.size());
        assertFrame(second, after.get(0));
    }

    @Test
    void aDeclaredLengthOverTheLimitClosesBeforeTheBodyArrives() {
        ByteBuf header = Unpooled.wrappedBuffer(TestFrames.header(FrameHeader.VERSION,
                TestFrames.LIMITS.frameBytesMax()));

        channel.writeInbound(header);

        assertFalse(channel.isOpen(), "closed on the header alone");
        assertEquals(0, header.refCnt(), "the decoder kept none of the stream");
        assertNull(channel.readInbound());
        assertEquals(1, counters.framesRejected(RejectReason.LENGTH_OVER_LIMIT));
        assertEquals(1, counters.framesRejectedTotal());
        assertEquals(1, counters.connectionsCut());
        assertEquals(0, counters.framesIn());
    }

    @Test
    void garbageClosesTheConnection() {
        feed("GET / HTTP/1.1\r\nHost: replica\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertFalse(channel.isOpen());
        assertNull(channel.readInbound());
        assertEquals(1, counters.framesRejected(RejectReason.BAD_MAGIC));
    }

    @Test
    void garbageWaitsForAWholeHeaderBeforeItIsJudged() {
        feed(new byte[FrameHeader.LENGTH - 1]);
        assertTrue(channel.isOpen());

        feed(new byte[1]);
        assertFalse(channel.isOpen());
        assertEquals(1, counters.framesRejected(RejectReason.BAD_MAGIC));
    }

    @Test
    void framesBeforeGarbageAreDeliveredAndNothingAfterIt() {
        byte[] good = TestFrames.frameBytes(TestFrames.reply(1, 10));
        byte[] garbage = new byte[40];
        byte[] lost = TestFrames.frameBytes(TestFrames.reply(2, 10));

        feed(TestFrames.concat(good, garbage, lost));

        List<ByteBuffer> frames = frames();
        assertEquals(1, frames.size());
        assertFrame(good, frames.get(0));
        assertFalse(channel.isOpen());
        assertEquals(1, counters.framesRejected(RejectReason.BAD_MAGIC));
    }

    @Test
    void anUnknownVersionClosesTheConnection() {
        feed(TestFrames.header(FrameHeader.VERSION + 1, 10));

        assertFalse(channel.isOpen());
        assertEquals(1, counters.framesRejected(RejectReason.UNSUPPORTED_VERSION));
    }

    @Test
    void aNegativeBodyLengthClosesTheConnection() {
        feed(TestFrames.header(FrameHeader.VERSION, -1));

        assertFalse(channel.isOpen());
        assertEquals(1, counters.framesRejected(RejectReason.NEGATIVE_COUNT));
    }
}
