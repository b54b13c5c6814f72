package org.bftee.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bftee.core.codec.DecodeResult;
import org.bftee.core.codec.FrameHeader;
import org.bftee.core.codec.FrameLength;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.message.MessageType;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the codec's decoding path (docs/fuzzing.md). Under plain
 * {@code mvn test} each target runs once per file of its corpus directory
 * ({@code src/test/resources/org/bftee/core/fuzz/CodecFuzzTestInputs/<target>}) as a regression
 * test; with {@code JAZZER_FUZZ=1} Jazzer fuzzes one target. For every input:
 * <ul>
 *   <li>{@link MessageCodec#decode} and {@link FrameHeader#peekFrameLength} answer and never throw;</li>
 *   <li>whatever decodes re-encodes to exactly the input (each value has one encoding), and the
 *       transport's frame length agrees with it;</li>
 *   <li>decoding allocates within a budget proportional to the input, never to what it declares;</li>
 *   <li>no input takes longer than the {@link Timeout} (Jazzer's per-input hang limit).</li>
 * </ul>
 */
class CodecFuzzTest {

    /** The group's real limits: 16 MiB frames, so that declared lengths far beyond any input are within them. */
    static final WireLimits LIMITS = WireLimits.defaults();
    static final int GROUP = 0x0B0B;
    static final int SENDER = 1;
    static final int N = 4;
    static final int TAG_LENGTH = 16;

    /**
     * Room for rejection details and the decoded records. Over the kept corpus decoding allocated at
     * most 8.4 KB, and never more than 8 bytes per input byte plus 312: twice that leaves room for
     * JVM differences, while a buffer sized from a declared length beyond the input exceeds it.
     */
    static final AllocationBudget BUDGET = new AllocationBudget(16 * 1024, 16);

    private static final MessageType[] TYPES = MessageType.values();

    private final MessageCodec codec = new MessageCodec(GROUP, LIMITS);

    /** Any bytes as one frame, as the transport would hand them over. */
    @FuzzTest
    @Timeout(10)
    void frames(byte[] input) {
        decodeAndCheck(input);
    }

    /**
     * The first byte picks a message type, the rest is its body, behind a valid header and a
     * trailer of the type's shape: most inputs then reach the body readers instead of failing at
     * the magic, group or trailer.
     */
    @FuzzTest
    @Timeout(10)
    void bodies(byte[] input) {
        if (input.length == 0) {
            return;
        }
        MessageType type = TYPES[Byte.toUnsignedInt(input[0]) % TYPES.length];
        decodeAndCheck(frameAround(type, Arrays.copyOfRange(input, 1, input.length)));
    }

    /** Header, {@code body} and a trailer of zero tags shaped for {@code type} in a group of {@link #N}. */
    static byte[] frameAround(MessageType type, byte[] body) {
        int tagCount = switch (type.authentication()) {
            case NONE -> 0;
            case MAC -> 1;
            case AUTHENTICATOR -> N;
        };
        int tagLength = tagCount == 0 ? 0 : TAG_LENGTH;
        ByteBuffer frame = ByteBuffer.allocate(FrameHeader.LENGTH + body.length + 2 + tagCount * tagLength);
        frame.putInt(FrameHeader.MAGIC).put((byte) FrameHeader.VERSION).put((byte) type.tag()).putInt(GROUP)
                .putInt(SENDER).putInt(body.length).put(body).put((byte) tagCount).put((byte) tagLength);
        return frame.array();
    }

    private void decodeAndCheck(byte[] input) {
        DecodeResult result = BUDGET.check(input.length, "decoding a frame",
                () -> codec.decode(ByteBuffer.wrap(input)));
        FrameLength length = BUDGET.check(input.length, "peeking at a frame's length",
                () -> FrameHeader.peekFrameLength(ByteBuffer.wrap(input), LIMITS));
        assertNotNull(result);
        assertNotNull(length);
        if (result instanceof DecodeResult.Decoded decoded) {
            ByteBuffer again = codec.encode(decoded.header().sender(), decoded.message(), decoded.trailer());
            byte[] againBytes = new byte[again.remaining()];
            again.get(againBytes);
            assertArrayEquals(input, againBytes, "a decoded frame re-encodes to other bytes");
            assertEquals(new FrameLength.Complete(input.length), length);
            assertEquals(decoded.message().type(), decoded.header().type());
        } else {
            assertNotNull(((DecodeResult.Rejected) result).reason());
        }
    }
}
