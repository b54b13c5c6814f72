package org.bftee.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.junit.jupiter.api.Test;

/** {@link FrameHeader#peekFrameLength}, as a transport uses it to cut a byte stream into frames. */
class FrameHeaderTest {

    private static final WireLimits LIMITS = MessageArbitraries.LIMITS;
    private final MessageCodec codec = new MessageCodec(Samples.GROUP, LIMITS);

    private byte[] frame(Message message) {
        return Frames.toArray(codec.encode(3, message, Samples.trailerFor(message.type())));
    }

    private static FrameLength peek(byte[] bytes) {
        return FrameHeader.peekFrameLength(ByteBuffer.wrap(bytes), LIMITS);
    }

    /** A minimal stream decoder: what a Netty {@code ByteToMessageDecoder} would do with the answers. */
    private List<Message> cut(ByteBuffer received, List<Message> out) {
        while (true) {
            FrameLength length = FrameHeader.peekFrameLength(received, LIMITS);
            if (length instanceof FrameLength.Complete complete && received.remaining() >= complete.frameBytes()) {
                ByteBuffer frame = received.slice(received.position(), complete.frameBytes());
                received.position(received.position() + complete.frameBytes());
                out.add(((DecodeResult.Decoded) codec.decode(frame)).message());
            } else {
                assertFalse(length instanceof FrameLength.Invalid, "a valid stream never looks invalid: " + length);
                return out;
            }
        }
    }

    @Test
    void cutsAStreamFedOneByteAtATime() {
        List<Message> sent = List.of(Samples.prePrepare(), Samples.all().get(3), Samples.request(), Samples.status());
        ByteBuffer stream = ByteBuffer.allocate(4096);
        sent.forEach(message -> stream.put(frame(message)));
        stream.flip();

        ByteBuffer received = ByteBuffer.allocate(4096);
        List<Message> decoded = new ArrayList<>();
        while (stream.hasRemaining()) {
            received.put(stream.get());
            received.flip();
            cut(received, decoded);
            received.compact();
        }

        assertEquals(sent, decoded);
    }

    @Test
    void cutsTwoFramesArrivingInOneRead() {
        byte[] first = frame(Samples.viewChange());
        byte[] second = frame(Samples.reply());

        List<Message> decoded = cut(ByteBuffer.wrap(Frames.concat(first, second)), new ArrayList<>());

        assertEquals(List.of(Samples.viewChange(), Samples.reply()), decoded);
    }

    @Test
    void asksForTheHeaderThenTheTrailerPrefixThenKnowsTheLength() {
        byte[] frame = frame(Samples.reply());
        int trailerStart = FrameHeader.LENGTH + Frames.bodyLength(frame);

        assertEquals(new FrameLength.Incomplete(FrameHeader.LENGTH), peek(new byte[0]));
        assertEquals(new FrameLength.Incomplete(FrameHeader.LENGTH), peek(Arrays.copyOf(frame, 17)));
        assertEquals(new FrameLength.Incomplete(trailerStart + 2), peek(Arrays.copyOf(frame, 18)));
        assertEquals(new FrameLength.Incomplete(trailerStart + 2),
                peek(Arrays.copyOf(frame, trailerStart + 1)));
        assertEquals(new FrameLength.Complete(frame.length), peek(Arrays.copyOf(frame, trailerStart + 2)));
        assertEquals(new FrameLength.Complete(frame.length), peek(frame));
    }

    @Test
    void doesNotMoveThePosition() {
        ByteBuffer buffer = ByteBuffer.wrap(Frames.concat(new byte[5], frame(Samples.reply())));
        buffer.position(5);

        FrameHeader.peekFrameLength(buffer, LIMITS);

        assertEquals(5, buffer.position());
    }

    @Test
    void refusesGarbageAsSoonAsTheHeaderIsThere() {
        byte[] frame = frame(Samples.reply());

        assertEquals(RejectReason.BAD_MAGIC, invalid(Frames.withByte(frame, 1, 0)));
        assertEquals(RejectReason.UNSUPPORTED_VERSION, invalid(Frames.withByte(frame, 4, 9)));
        assertEquals(RejectReason.NEGATIVE_COUNT, invalid(Frames.withInt(frame, 14, -1)));
        assertEquals(RejectReason.LENGTH_OVER_LIMIT,
                invalid(Arrays.copyOf(Frames.withInt(frame, 14, LIMITS.frameBytesMax()), 18)));
    }

    @Test
    void refusesATrailerThatWouldTakeTheFrameOverItsLimit() {
        WireLimits tight = WireLimits.builder().frameBytesMax(2048).operationBytesMax(64).resultBytesMax(64)
                .dataValueBytesMax(64).logWindowMax(8).metaDataChildrenMax(8).sealedKeysMax(2).digestViewsPerEntryMax(2)
                .replicasMax(4).viewChangeRefsMax(4).build();
        byte[] body = new byte[2048 - FrameHeader.LENGTH - 2 - 100];
        byte[] frame = Frames.concat(Frames.header(MessageType.DATA, 1, 1, body.length), body,
                new byte[] {(byte) 255, 32});

        FrameLength length = FrameHeader.peekFrameLength(ByteBuffer.wrap(frame), tight);

        assertEquals(RejectReason.LENGTH_OVER_LIMIT, assertInstanceOf(FrameLength.Invalid.class, length).reason());
    }

    private static RejectReason invalid(byte[] bytes) {
        return assertInstanceOf(FrameLength.Invalid.class, peek(bytes)).reason();
    }
}
