package org.bftee.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.Request;
import org.junit.jupiter.api.Test;

/**
 * A declared length or count is checked against its limit and the bytes remaining before anything
 * is allocated for it: a peer cannot make a replica allocate what it has not sent. Measured with
 * the JVM's per-thread allocation counter; the budget is far below the declared sizes.
 */
class HugeDeclaredLengthTest {

    private static final int MEBIBYTE = 1024 * 1024;
    private static final long ALLOCATION_BUDGET = 256 * 1024;
    private static final int BODY = FrameHeader.LENGTH;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Decodes {@code frame} and returns the rejection, checking that decoding allocated little. */
    private static DecodeResult.Rejected rejectCheaply(MessageCodec codec, byte[] frame) {
        assumeTrue(((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .isThreadAllocatedMemorySupported(), "per-thread allocation counter");
        codec.decode(ByteBuffer.wrap(frame));
        long before = allocatedBytes();
        DecodeResult result = codec.decode(ByteBuffer.wrap(frame));
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < ALLOCATION_BUDGET, "decoding allocated " + allocated + " bytes");
        return assertInstanceOf(DecodeResult.Rejected.class, result);
    }

    private static byte[] smallRequestFrame(MessageCodec codec) {
        Request request = new Request(Samples.CLIENT, 0, 1, 0, Samples.bytes("x"), Samples.authenticator(1));
        return Frames.toArray(codec.encode(1, request, null));
    }

    @Test
    void theAllocationCounterSeesAnAllocationOfTheSizeAtStake() {
        assumeTrue(((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .isThreadAllocatedMemorySupported(), "per-thread allocation counter");
        long before = allocatedBytes();
        byte[] allocated = new byte[MEBIBYTE];
        long measured = allocatedBytes() - before;

        assertTrue(measured >= allocated.length, "measured " + measured);
    }

    @Test
    void operationLengthOf2To31Minus1InA60ByteFrameIsOverItsLimit() {
        MessageCodec codec = new MessageCodec(Samples.GROUP, WireLimits.defaults());
        byte[] frame = Frames.withInt(smallRequestFrame(codec), BODY + 17, Integer.MAX_VALUE);

        assertEquals(60, frame.length);
        assertEquals(RejectReason.LENGTH_OVER_LIMIT, rejectCheaply(codec, frame).reason());
    }

    @Test
    void operationLengthWithinALargeLimitButBeyondTheFrameIsNotAllocated() {
        MessageCodec codec = new MessageCodec(Samples.GROUP,
                WireLimits.builder().operationBytesMax(15 * MEBIBYTE).build());
        byte[] frame = Frames.withInt(smallRequestFrame(codec), BODY + 17, 15 * MEBIBYTE);

        assertEquals(RejectReason.NESTED_LENGTH_OVERRUNS_FRAME, rejectCheaply(codec, frame).reason());
    }

    @Test
    void elementCountWithinALargeLimitButBeyondTheFrameIsNotAllocated() {
        MessageCodec codec = new MessageCodec(Samples.GROUP,
                WireLimits.builder().metaDataChildrenMax(300_000).build());
        byte[] frame = Frames.toArray(codec.encode(1, new MetaData(256, 1, 4, List.of(), 0),
                Samples.authenticator(1)));

        byte[] declared = Frames.withInt(frame, BODY + 20, 300_000);

        assertEquals(RejectReason.NESTED_LENGTH_OVERRUNS_FRAME, rejectCheaply(codec, declared).reason());
    }

    @Test
    void bodyLengthWithinTheFrameLimitButBeyondTheBufferIsNotAllocated() {
        MessageCodec codec = new MessageCodec(Samples.GROUP, WireLimits.defaults());
        byte[] frame = Frames.withInt(smallRequestFrame(codec), 14, 15 * MEBIBYTE);

        assertEquals(RejectReason.TRUNCATED_FRAME, rejectCheaply(codec, frame).reason());
    }
}
