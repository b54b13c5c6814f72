package org.bftee.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecRoundTripTest {

    private static final int SENDER = 2;

    private final MessageCodec codec = new MessageCodec(Samples.GROUP, WireLimits.defaults());

    static Stream<Message> samples() {
        return Stream.concat(Samples.all().stream(), Samples.variants().stream());
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void samplesCoverEveryType() {
        Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
        Samples.all().forEach(message -> covered.add(message.type()));
        assertEquals(EnumSet.allOf(MessageType.class), covered);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decodesWhatItEncodes(Message message) {
        Authenticator trailer = Samples.trailerFor(message.type());
        ByteBuffer frame = codec.encode(SENDER, message, trailer);

        DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class, codec.decode(frame));

        assertEquals(message, decoded.message());
        assertEquals(trailer, decoded.trailer());
        assertEquals(new FrameHeader(FrameHeader.VERSION, message.type(), Samples.GROUP, SENDER,
                frame.remaining() - FrameHeader.LENGTH - FrameHeader.TRAILER_PREFIX
                        - (trailer == null ? 0 : trailer.size())), decoded.header());
        assertEquals(0, frame.position(), "decode leaves the caller's position alone");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void authenticatedRegionIsHeaderAndBodyAsTheSenderSawThem(Message message) {
        PendingFrame pending = codec.encodeForAuthentication(SENDER, message);
        ByteBuffer frame = pending.complete(Samples.trailerFor(message.type()));

        DecodeResult.Decoded decoded = (DecodeResult.Decoded) codec.decode(frame);

        ByteBuffer region = decoded.authenticatedRegion();
        assertTrue(region.isReadOnly());
        assertArrayEquals(toArray(pending.authenticatedRegion()), toArray(region));
        assertEquals(FrameHeader.LENGTH + decoded.header().bodyLength(), region.remaining());
        assertArrayEquals(Arrays.copyOf(toArray(frame), region.remaining()), toArray(region));
    }

    @Test
    void authenticatedRegionIsAViewOfTheFrameNotACopy() {
        byte[] frame = toArray(codec.encode(SENDER, Samples.all().get(3), Samples.authenticator(Samples.N)));
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) codec.decode(ByteBuffer.wrap(frame));

        frame[FrameHeader.LENGTH] ^= 0x55;

        assertEquals(frame[FrameHeader.LENGTH], decoded.authenticatedRegion().get(FrameHeader.LENGTH));
        assertEquals(Samples.all().get(3), decoded.message(), "the message shares nothing with the frame");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void reencodingADecodedFrameGivesItsBytes(Message message) {
        Authenticator trailer = Samples.trailerFor(message.type());
        byte[] frame = toArray(codec.encode(SENDER, message, trailer));
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) codec.decode(ByteBuffer.wrap(frame));

        assertArrayEquals(frame, toArray(codec.encode(decoded.header().sender(), decoded.message(), decoded.trailer())));
    }

    @Test
    void decodesAFrameInTheMiddleOfALargerBuffer() {
        Message message = Samples.viewChange();
        byte[] frame = toArray(codec.encode(SENDER, message, Samples.authenticator(Samples.N)));
        ByteBuffer buffer = ByteBuffer.allocate(frame.length + 20);
        buffer.position(7);
        buffer.put(frame);
        buffer.position(7).limit(7 + frame.length);

        DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class, codec.decode(buffer));

        assertEquals(message, decoded.message());
        assertArrayEquals(Arrays.copyOf(frame, FrameHeader.LENGTH + decoded.header().bodyLength()),
                toArray(decoded.authenticatedRegion()));
    }

    @Test
    void headerFieldsSitAtTheirDocumentedOffsets() {
        Prepare prepare = new Prepare(7, 129, Samples.digest(13), 1);
        ByteBuffer frame = codec.encode(1, prepare, Samples.authenticator(Samples.N));

        assertEquals(FrameHeader.MAGIC, frame.getInt(0));
        assertEquals(FrameHeader.VERSION, frame.get(4));
        assertEquals(MessageType.PREPARE.tag(), frame.get(5));
        assertEquals(Samples.GROUP, frame.getInt(6));
        assertEquals(1, frame.getInt(10));
        int bodyLength = 8 + 8 + Digest.LENGTH + 4 + 4; // the last: an empty bitmap's size
        assertEquals(bodyLength, frame.getInt(14));
        assertEquals(7, frame.getLong(18));
        assertEquals(Samples.N, frame.get(18 + bodyLength));
        assertEquals(16, frame.get(18 + bodyLength + 1));
        assertEquals(18 + bodyLength + 2 + Samples.N * 16, frame.remaining());
    }

    @Test
    void requestDigestInputIgnoresTheAuthenticator() {
        Request request = Samples.request();
        Request otherMacs = new Request(request.client(), request.lane(), request.timestamp(), request.flags(),
                request.operation(), Samples.authenticator(1));
        Request otherOperation = new Request(request.client(), request.lane(), request.timestamp(), request.flags(),
                Samples.bytes("get balance!"), request.authenticator());

        assertArrayEquals(codec.requestDigestInput(request), codec.requestDigestInput(otherMacs));
        assertFalse(Arrays.equals(codec.requestDigestInput(request), codec.requestDigestInput(otherOperation)));
    }

    @Test
    void digestInputsOfDifferentKindsStartWithDifferentBytes() {
        byte request = codec.requestDigestInput(Samples.request())[0];
        byte batch = codec.batchDigestInput(Bytes.EMPTY, List.of())[0];
        byte message = codec.messageDigestInput(Samples.viewChange())[0];

        assertEquals(3, Set.of(request, batch, message).size());
        assertFalse(Set.of(request, batch, message).contains((byte) (FrameHeader.MAGIC >>> 24)));
    }

    @Test
    void batchDigestInputIsTheSameForInlineAndSeparateRequests() {
        PrePrepare prePrepare = Samples.prePrepare();
        // Stand-ins for the request digests: hashing is the crypto package's job, not the codec's.
        List<Digest> digests = prePrepare.batch().stream()
                .map(entry -> entry instanceof InlineRequest inline
                        ? Samples.digest(codec.requestDigestInput(inline.request()).length)
                        : ((RequestDigest) entry).digest())
                .toList();

        byte[] input = codec.batchDigestInput(prePrepare.nonDeterministic(), digests);

        assertEquals(1 + 4 + prePrepare.nonDeterministic().length() + 4 + digests.size() * Digest.LENGTH, input.length);
        assertFalse(Arrays.equals(input, codec.batchDigestInput(Bytes.EMPTY, digests)),
                "the non-deterministic inputs are covered");
    }

    @Test
    void messageDigestInputDependsOnContentOnly() {
        byte[] input = codec.messageDigestInput(Samples.viewChange());
        byte[] body = toArray(codec.encodeForAuthentication(SENDER, Samples.viewChange()).authenticatedRegion());

        assertArrayEquals(Arrays.copyOfRange(body, FrameHeader.LENGTH, body.length),
                Arrays.copyOfRange(input, 2, input.length));
        assertArrayEquals(input, new MessageCodec(Samples.GROUP + 1, WireLimits.defaults())
                .messageDigestInput(Samples.viewChange()));
    }

    @Test
    void encoderRefusesATrailerThatDoesNotSuitTheType() {
        PendingFrame prepare = codec.encodeForAuthentication(SENDER, Samples.all().get(3));
        PendingFrame reply = codec.encodeForAuthentication(SENDER, Samples.reply());
        PendingFrame request = codec.encodeForAuthentication(SENDER, Samples.request());

        assertThrows(IllegalArgumentException.class, () -> prepare.complete(null));
        assertThrows(IllegalArgumentException.class, () -> reply.complete(Samples.authenticator(2)));
        assertThrows(IllegalArgumentException.class, () -> request.complete(Samples.authenticator(1)));
        assertNotEquals(0, reply.complete(Samples.authenticator(1)).remaining());
    }

    @Test
    void encoderRefusesMessagesThatBreakALimit() {
        WireLimits small = WireLimits.builder().operationBytesMax(8).replicasMax(4).viewChangeRefsMax(4).lanesMax(4)
                .build();
        MessageCodec strict = new MessageCodec(Samples.GROUP, small);

        assertThrows(IllegalArgumentException.class, () -> strict.encodeForAuthentication(SENDER, Samples.request()));
        assertThrows(IllegalArgumentException.class,
                () -> strict.encodeForAuthentication(SENDER, new Prepare(0, 0, Digest.ZERO, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> strict.encodeForAuthentication(-1, new Prepare(0, 0, Digest.ZERO, 1)));
        ByteBuffer atTheLimits = strict.encode(SENDER,
                new Request(5, 3, 1, 0, Bytes.of(new byte[8]), Samples.authenticator(4)), null);
        assertInstanceOf(DecodeResult.Decoded.class, strict.decode(atTheLimits));
    }
}
