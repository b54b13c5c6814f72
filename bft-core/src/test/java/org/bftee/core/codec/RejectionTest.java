package org.bftee.core.codec;

import static org.bftee.core.codec.RejectReason.BAD_MAGIC;
import static org.bftee.core.codec.RejectReason.BAD_TRAILER;
import static org.bftee.core.codec.RejectReason.BODY_LENGTH_MISMATCH;
import static org.bftee.core.codec.RejectReason.COUNT_OVER_LIMIT;
import static org.bftee.core.codec.RejectReason.INVALID_FIELD;
import static org.bftee.core.codec.RejectReason.LENGTH_OVER_LIMIT;
import static org.bftee.core.codec.RejectReason.NEGATIVE_COUNT;
import static org.bftee.core.codec.RejectReason.NESTED_LENGTH_OVERRUNS_FRAME;
import static org.bftee.core.codec.RejectReason.TRAILING_BYTES;
import static org.bftee.core.codec.RejectReason.TRUNCATED_FRAME;
import static org.bftee.core.codec.RejectReason.UNKNOWN_TYPE;
import static org.bftee.core.codec.RejectReason.UNSUPPORTED_VERSION;
import static org.bftee.core.codec.RejectReason.WRONG_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bftee.core.message.Data;
import org.bftee.core.message.Fetch;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per way a frame can be wrong, each naming the reason it must be rejected with. Frames
 * start from valid encodings of {@link Samples} under {@link MessageArbitraries#LIMITS} (seven
 * replicas, four lanes, 64-byte operations, a log window of twelve) and break one field at its
 * documented offset.
 */
class RejectionTest {

    private static final WireLimits LIMITS = MessageArbitraries.LIMITS;
    private static final MessageCodec CODEC = new MessageCodec(Samples.GROUP, LIMITS);
    private static final int BODY = FrameHeader.LENGTH;

    record Case(String name, byte[] frame, RejectReason expected) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    static byte[] frame(Message message) {
        return Frames.toArray(CODEC.encode(1, message, Samples.trailerFor(message.type())));
    }

    private static byte[] withTrailer(byte[] frame, byte[] trailer) {
        return Frames.concat(Frames.header(frame), Frames.body(frame), trailer);
    }

    static List<Case> cases() {
        byte[] prepare = frame(new Prepare(7, 129, Samples.digest(13), 1));
        byte[] partialPrepare = frame(Samples.partialPrepare());
        byte[] request = frame(Samples.request());
        byte[] smallRequest = frame(new Request(Samples.CLIENT, 0, 1, 0, Samples.bytes("x"), Samples.authenticator(1)));
        byte[] reply = frame(Samples.reply());
        byte[] prePrepare = frame(Samples.prePrepare());
        byte[] viewChange = frame(Samples.viewChange());
        byte[] status = frame(Samples.status());
        byte[] newKey = frame(Samples.newKey());
        byte[] fetch = frame(new Fetch(2, 17, 128, Fetch.NONE, Fetch.NONE, 3));
        byte[] data = frame(new Data(12345, 256, Samples.bytes("object 12345"), 1));
        byte[] metaData = frame(Samples.all().get(13));
        byte[] signedWithoutSignature = Frames.concat(Frames.header(MessageType.REQUEST, Samples.GROUP, 1, 25),
                ByteBuffer.allocate(25).putInt(Samples.CLIENT).putInt(0).putLong(1).put((byte) Request.SIGNED)
                        .putInt(0).putInt(0).array(), new byte[2]);

        List<Case> cases = new ArrayList<>();
        // The frame as a whole.
        cases.add(new Case("empty buffer", new byte[0], TRUNCATED_FRAME));
        cases.add(new Case("ends inside the header", Arrays.copyOf(prepare, 10), TRUNCATED_FRAME));
        cases.add(new Case("ends inside the body", Arrays.copyOf(prepare, BODY + 20), TRUNCATED_FRAME));
        cases.add(new Case("ends inside the trailer", Arrays.copyOf(prepare, prepare.length - 1), TRUNCATED_FRAME));
        cases.add(new Case("body length beyond the buffer", Frames.withInt(prepare, 14, 200), TRUNCATED_FRAME));
        cases.add(new Case("bad magic", Frames.withByte(prepare, 0, 'X'), BAD_MAGIC));
        cases.add(new Case("zeros", new byte[64], BAD_MAGIC));
        cases.add(new Case("version 0", Frames.withByte(prepare, 4, 0), UNSUPPORTED_VERSION));
        cases.add(new Case("version 2", Frames.withByte(prepare, 4, 2), UNSUPPORTED_VERSION));
        cases.add(new Case("type tag 0", Frames.withByte(prepare, 5, 0), UNKNOWN_TYPE));
        cases.add(new Case("type tag 18", Frames.withByte(prepare, 5, 18), UNKNOWN_TYPE));
        cases.add(new Case("type tag 255", Frames.withByte(prepare, 5, 255), UNKNOWN_TYPE));
        cases.add(new Case("another group", Frames.withInt(prepare, 6, Samples.GROUP + 1), WRONG_GROUP));
        cases.add(new Case("negative sender", Frames.withInt(prepare, 10, -1), INVALID_FIELD));
        cases.add(new Case("body length -1", Frames.withInt(prepare, 14, -1), NEGATIVE_COUNT));
        cases.add(new Case("body length at the frame limit", Frames.withInt(prepare, 14, LIMITS.frameBytesMax()),
                LENGTH_OVER_LIMIT));
        cases.add(new Case("body length 2^31-1", Frames.withInt(prepare, 14, Integer.MAX_VALUE), LENGTH_OVER_LIMIT));
        cases.add(new Case("buffer above the frame limit", Arrays.copyOf(prepare, LIMITS.frameBytesMax() + 1),
                LENGTH_OVER_LIMIT));
        cases.add(new Case("one byte after the trailer", Arrays.copyOf(prepare, prepare.length + 1), TRAILING_BYTES));
        cases.add(new Case("two frames in one buffer", Frames.concat(prepare, prepare), TRAILING_BYTES));
        cases.add(new Case("body longer than its fields",
                Frames.withBody(prepare, Arrays.copyOf(Frames.body(prepare), 57)), BODY_LENGTH_MISMATCH));
        cases.add(new Case("body shorter than its fields",
                Frames.withBody(prepare, Arrays.copyOf(Frames.body(prepare), 55)), BODY_LENGTH_MISMATCH));
        cases.add(new Case("empty body", Frames.withBody(request, new byte[0]), BODY_LENGTH_MISMATCH));
        // The trailer.
        cases.add(new Case("multicast without tags", withTrailer(prepare, new byte[2]), BAD_TRAILER));
        cases.add(new Case("multicast with more tags than replicas",
                withTrailer(prepare, Frames.trailer(Samples.authenticator(8))), BAD_TRAILER));
        cases.add(new Case("point-to-point with two tags",
                withTrailer(reply, Frames.trailer(Samples.authenticator(2))), BAD_TRAILER));
        cases.add(new Case("request with a tag", withTrailer(request, Frames.trailer(Samples.authenticator(1))),
                BAD_TRAILER));
        cases.add(new Case("request with no tags but a tag length", withTrailer(request, new byte[] {0, 16}),
                BAD_TRAILER));
        cases.add(new Case("new-key with a tag", withTrailer(newKey, Frames.trailer(Samples.authenticator(1))),
                BAD_TRAILER));
        cases.add(new Case("tag length 7", withTrailer(reply, Frames.concat(new byte[] {1, 7}, new byte[7])),
                BAD_TRAILER));
        cases.add(new Case("tag length 33", withTrailer(reply, Frames.concat(new byte[] {1, 33}, new byte[33])),
                BAD_TRAILER));
        // Lengths and counts inside the body.
        cases.add(new Case("operation length 2^31-1", Frames.withInt(smallRequest, BODY + 17, Integer.MAX_VALUE),
                LENGTH_OVER_LIMIT));
        cases.add(new Case("operation one byte over its limit",
                Frames.withInt(smallRequest, BODY + 17, LIMITS.operationBytesMax() + 1), LENGTH_OVER_LIMIT));
        cases.add(new Case("result over its limit", Frames.withInt(reply, BODY + 29, 65), LENGTH_OVER_LIMIT));
        cases.add(new Case("non-deterministic inputs over their limit", Frames.withInt(prePrepare, BODY + 16, 17),
                LENGTH_OVER_LIMIT));
        cases.add(new Case("operation length -5", Frames.withInt(smallRequest, BODY + 17, -5), NEGATIVE_COUNT));
        cases.add(new Case("batch count -1", Frames.withInt(prePrepare, BODY + 35, -1), NEGATIVE_COUNT));
        cases.add(new Case("C count -1", Frames.withInt(viewChange, BODY + 16, -1), NEGATIVE_COUNT));
        cases.add(new Case("bitmap size -1", Frames.withInt(status, BODY + 25, -1), NEGATIVE_COUNT));
        cases.add(new Case("batch count above batchRequestsMax", Frames.withInt(prePrepare, BODY + 35, 6),
                COUNT_OVER_LIMIT));
        cases.add(new Case("P count above the log window", Frames.withInt(viewChange, BODY + 100, 13),
                COUNT_OVER_LIMIT));
        cases.add(new Case("bitmap larger than the log window", Frames.withInt(status, BODY + 25, 13),
                COUNT_OVER_LIMIT));
        cases.add(new Case("request authenticator with more tags than replicas",
                Frames.withByte(request, BODY + 32, 8), COUNT_OVER_LIMIT));
        cases.add(new Case("sealed key count above sealedKeysMax", Frames.withInt(newKey, BODY + 48, 8),
                COUNT_OVER_LIMIT));
        cases.add(new Case("operation length past the body", Frames.withInt(smallRequest, BODY + 17, 30),
                NESTED_LENGTH_OVERRUNS_FRAME));
        cases.add(new Case("data value length past the body", Frames.withInt(data, BODY + 16, 40),
                NESTED_LENGTH_OVERRUNS_FRAME));
        cases.add(new Case("C count whose entries cannot fit", Frames.withInt(viewChange, BODY + 16, 12),
                NESTED_LENGTH_OVERRUNS_FRAME));
        cases.add(new Case("children count whose entries cannot fit", Frames.withInt(metaData, BODY + 20, 6),
                NESTED_LENGTH_OVERRUNS_FRAME));
        cases.add(new Case("request tags past the body", Frames.withByte(smallRequest, BODY + 22, 7),
                NESTED_LENGTH_OVERRUNS_FRAME));
        // Field values.
        cases.add(new Case("unknown request flag", Frames.withByte(request, BODY + 16, 0x08), INVALID_FIELD));
        cases.add(new Case("unknown reply flag", Frames.withByte(reply, BODY + 28, 0x04), INVALID_FIELD));
        cases.add(new Case("unknown status flag", Frames.withByte(status, BODY + 8, 0x04), INVALID_FIELD));
        cases.add(new Case("batch entry kind 3", Frames.withByte(prePrepare, BODY + 39, 3), INVALID_FIELD));
        cases.add(new Case("batch entry kind 0", Frames.withByte(prePrepare, BODY + 39, 0), INVALID_FIELD));
        cases.add(new Case("replica id at replicasMax", Frames.withInt(prepare, BODY + 48, 7), INVALID_FIELD));
        cases.add(new Case("replica id -1", Frames.withInt(prepare, BODY + 48, -1), INVALID_FIELD));
        cases.add(new Case("negative view", Frames.withLong(prepare, BODY, -1), INVALID_FIELD));
        cases.add(new Case("negative sequence number", Frames.withLong(prepare, BODY + 8, Long.MIN_VALUE),
                INVALID_FIELD));
        cases.add(new Case("negative client", Frames.withInt(request, BODY, -1), INVALID_FIELD));
        cases.add(new Case("lane at lanesMax", Frames.withInt(request, BODY + 4, 4), INVALID_FIELD));
        cases.add(new Case("negative timestamp", Frames.withLong(request, BODY + 8, -3), INVALID_FIELD));
        cases.add(new Case("partition level at partitionLevelsMax", Frames.withInt(fetch, BODY, 4), INVALID_FIELD));
        cases.add(new Case("fetch checkpoint -2", Frames.withLong(fetch, BODY + 20, -2), INVALID_FIELD));
        cases.add(new Case("designated replier at replicasMax", Frames.withInt(fetch, BODY + 28, 7), INVALID_FIELD));
        cases.add(new Case("designated replier -2", Frames.withInt(fetch, BODY + 28, -2), INVALID_FIELD));
        cases.add(new Case("SIGNED request with an empty signature", signedWithoutSignature, INVALID_FIELD));
        cases.add(new Case("DIGEST_ONLY reply with a 10-byte result",
                Frames.withByte(reply, BODY + 28, Reply.DIGEST_ONLY), INVALID_FIELD));
        // Partial PREPARE: view 8 | sequence 8 | digest 32 | replica 4 | bitmap size 4 | packed bits.
        cases.add(new Case("partial prepare naming no request", Frames.withByte(partialPrepare, BODY + 56, 0),
                INVALID_FIELD));
        cases.add(new Case("prepare bitmap above batchRequestsMax", Frames.withInt(partialPrepare, BODY + 52, 6),
                COUNT_OVER_LIMIT));
        cases.add(new Case("bitmap with a bit set beyond its size",
                Frames.withByte(status, BODY + 30, status[BODY + 30] | 0x80), INVALID_FIELD));
        cases.add(new Case("request authenticator without tags", Frames.withByte(request, BODY + 32, 0),
                INVALID_FIELD));
        cases.add(new Case("request authenticator with 7-byte tags", Frames.withByte(request, BODY + 33, 7),
                INVALID_FIELD));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithItsReason(Case rejection) {
        DecodeResult result = CODEC.decode(ByteBuffer.wrap(rejection.frame()));

        DecodeResult.Rejected rejected = assertInstanceOf(DecodeResult.Rejected.class, result, rejection.name());
        assertEquals(rejection.expected(), rejected.reason(), rejection.name() + ": " + rejected.detail());
    }

    @Test
    void everyReasonHasACase() {
        Set<RejectReason> covered = EnumSet.noneOf(RejectReason.class);
        cases().forEach(rejection -> covered.add(rejection.expected()));
        assertEquals(EnumSet.allOf(RejectReason.class), covered);
    }

    @Test
    void theFramesTheCasesStartFromAreValid() {
        for (Message message : List.of(new Prepare(7, 129, Samples.digest(13), 1), Samples.partialPrepare(),
                Samples.request(), Samples.reply(),
                Samples.prePrepare(), Samples.viewChange(), Samples.status(), Samples.newKey(), Samples.all().get(13))) {
            assertInstanceOf(DecodeResult.Decoded.class, CODEC.decode(ByteBuffer.wrap(frame(message))),
                    message.type().name());
        }
    }

    @Test
    void theSameFrameIsRejectedByAGroupItIsNotFor() {
        byte[] prepare = frame(new Prepare(7, 129, Samples.digest(13), 1));
        DecodeResult result = new MessageCodec(Samples.GROUP + 1, LIMITS).decode(ByteBuffer.wrap(prepare));

        assertEquals(WRONG_GROUP, assertInstanceOf(DecodeResult.Rejected.class, result).reason());
    }
}
