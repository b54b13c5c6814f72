package org.bftee.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.StatisticsReport;
import org.bftee.core.message.MessageType;

/**
 * Properties of the codec over random messages of every type: round trips, one encoding per
 * value, and no exception on any input (mutated frames, truncations, garbage).
 */
class MessageCodecPropertiesTest {

    private final MessageCodec codec = new MessageCodec(Samples.GROUP, MessageArbitraries.LIMITS);

    @Provide
    Arbitrary<MessageArbitraries.Framed> framed() {
        return MessageArbitraries.framed();
    }

    private byte[] encode(MessageArbitraries.Framed framed) {
        ByteBuffer frame = codec.encode(framed.sender(), framed.message(), framed.trailer());
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    @Property(tries = 3000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void decodeInvertsEncode(@ForAll("framed") MessageArbitraries.Framed framed) {
        byte[] frame = encode(framed);

        DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class, codec.decode(ByteBuffer.wrap(frame)));

        assertEquals(framed.message(), decoded.message());
        assertEquals(framed.trailer(), decoded.trailer());
        assertEquals(framed.sender(), decoded.header().sender());
        assertEquals(new FrameLength.Complete(frame.length),
                FrameHeader.peekFrameLength(ByteBuffer.wrap(frame), MessageArbitraries.LIMITS));
        Statistics.collect(framed.message().type());
        Statistics.coverage(coverage -> {
            for (MessageType type : MessageType.values()) {
                coverage.check(type).count(count -> count >= 50);
            }
        });
    }

    /** One edit of a frame. Positions are taken modulo the frame's length. */
    record Mutation(Kind kind, int position, int value) {

        enum Kind { FLIP_BYTE, SET_INT, INSERT_BYTE, DELETE_BYTE, TRUNCATE }

        /** Values that length and count fields meet at their edges. */
        static final int[] INTERESTING = {-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 16, 32, 33, 64, 65, 127, 128, 255, 256,
                65_535, 65_536, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 17};

        byte[] apply(byte[] frame) {
            if (frame.length == 0) {
                return kind == Kind.INSERT_BYTE ? new byte[] {(byte) value} : frame;
            }
            int at = Math.floorMod(position, frame.length);
            return switch (kind) {
                case FLIP_BYTE -> {
                    byte[] copy = frame.clone();
                    copy[at] ^= (byte) (value == 0 ? 1 : value);
                    yield copy;
                }
                case SET_INT -> {
                    if (frame.length < 4) {
                        yield frame;
                    }
                    byte[] copy = frame.clone();
                    ByteBuffer.wrap(copy).putInt(Math.min(at, copy.length - 4),
                            INTERESTING[Math.floorMod(value, INTERESTING.length)]);
                    yield copy;
                }
                case INSERT_BYTE -> {
                    byte[] copy = new byte[frame.length + 1];
                    System.arraycopy(frame, 0, copy, 0, at);
                    copy[at] = (byte) value;
                    System.arraycopy(frame, at, copy, at + 1, frame.length - at);
                    yield copy;
                }
                case DELETE_BYTE -> {
                    byte[] copy = new byte[frame.length - 1];
                    System.arraycopy(frame, 0, copy, 0, at);
                    System.arraycopy(frame, at + 1, copy, at, frame.length - at - 1);
                    yield copy;
                }
                case TRUNCATE -> Arrays.copyOf(frame, at);
            };
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.of(Mutation.Kind.class), Arbitraries.integers(), Arbitraries.integers())
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Decodes {@code bytes} and checks what any answer must satisfy; returns it. */
    private DecodeResult decodeSafely(byte[] bytes) {
        DecodeResult result = codec.decode(ByteBuffer.wrap(bytes));
        assertNotNull(result);
        FrameLength length = FrameHeader.peekFrameLength(ByteBuffer.wrap(bytes), MessageArbitraries.LIMITS);
        assertNotNull(length);
        if (result instanceof DecodeResult.Decoded decoded) {
            // One encoding per value: whatever decodes re-encodes to exactly the same bytes.
            ByteBuffer again = codec.encode(decoded.header().sender(), decoded.message(), decoded.trailer());
            byte[] againBytes = new byte[again.remaining()];
            again.get(againBytes);
            assertArrayEquals(bytes, againBytes);
            assertEquals(new FrameLength.Complete(bytes.length), length);
        } else {
            DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
            assertNotNull(rejected.reason());
            Statistics.collect(rejected.reason());
        }
        return result;
    }

    @Property(tries = 5000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void mutatedFramesAreDecodedOrRejectedNeverThrown(@ForAll("framed") MessageArbitraries.Framed framed,
                                                      @ForAll("mutations") List<Mutation> mutations) {
        byte[] frame = encode(framed);
        for (Mutation mutation : mutations) {
            frame = mutation.apply(frame);
        }
        decodeSafely(frame);
    }

    @Property(tries = 2000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void everyStrictPrefixOfAFrameIsTruncated(@ForAll("framed") MessageArbitraries.Framed framed,
                                              @ForAll int cut) {
        byte[] frame = encode(framed);
        byte[] prefix = Arrays.copyOf(frame, Math.floorMod(cut, frame.length));

        DecodeResult.Rejected rejected = assertInstanceOf(DecodeResult.Rejected.class, decodeSafely(prefix));

        assertEquals(RejectReason.TRUNCATED_FRAME, rejected.reason());
        FrameLength length = FrameHeader.peekFrameLength(ByteBuffer.wrap(prefix), MessageArbitraries.LIMITS);
        assertTrue(length instanceof FrameLength.Incomplete incomplete && incomplete.bytesNeeded() > prefix.length
                        || length.equals(new FrameLength.Complete(frame.length)),
                "a transport waits for the rest of the frame: " + length);
    }

    @Property(tries = 2000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void garbageIsRejected(@ForAll @Size(max = 300) byte[] garbage) {
        assertInstanceOf(DecodeResult.Rejected.class, decodeSafely(garbage));
    }

    @Property(tries = 5000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void mutatedBodiesInConsistentFramesAreDecodedOrRejected(@ForAll("framed") MessageArbitraries.Framed framed,
                                                             @ForAll("mutations") List<Mutation> mutations) {
        // Frame-level mutations mostly break the trailer's position; keeping header and trailer
        // consistent with the mutated body drives the fuzzing into the body readers.
        byte[] frame = encode(framed);
        byte[] body = Frames.body(frame);
        for (Mutation mutation : mutations) {
            body = mutation.apply(body);
        }
        decodeSafely(Frames.withBody(frame, body));
    }

    @Property(tries = 3000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void garbageBodiesBehindAValidHeaderAndTrailerAreDecodedOrRejected(@ForAll MessageType type,
                                                                      @ForAll @Size(max = 400) byte[] body) {
        byte[] trailer = Frames.trailer(Samples.trailerFor(type));
        decodeSafely(Frames.concat(Frames.header(type, Samples.GROUP, 1, body.length), body, trailer));
    }
}
