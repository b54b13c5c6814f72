package org.bftee.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Data;
import org.bftee.core.message.Decision;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.Message;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PartitionSummary;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.message.SealedSessionKey;
import org.bftee.core.message.Status;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeRef;
import org.junit.jupiter.api.Test;

class WireLimitsTest {

    private static final WireLimits LIMITS = MessageArbitraries.LIMITS;
    private final MessageCodec codec = new MessageCodec(Samples.GROUP, LIMITS);

    @Test
    void defaultsAreValidAndAsDocumented() {
        WireLimits defaults = WireLimits.defaults();

        assertEquals(16 * 1024 * 1024, defaults.frameBytesMax());
        assertEquals(1024 * 1024, defaults.operationBytesMax());
        assertEquals(defaults, defaults.toBuilder().build());
        assertEquals(defaults, WireLimits.builder().build());
    }

    @Test
    void reportsEveryNonPositiveValueAtOnce() {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().lanesMax(0).sealedKeysMax(-1).build());

        assertTrue(problem.getMessage().contains("lanesMax must be positive, got 0"), problem.getMessage());
        assertTrue(problem.getMessage().contains("sealedKeysMax must be positive, got -1"), problem.getMessage());
    }

    @Test
    void replicasMustFitTheTrailerCountByte() {
        assertThrows(IllegalArgumentException.class, () -> WireLimits.builder().replicasMax(256).build());
        assertEquals(255, WireLimits.builder().replicasMax(255).build().replicasMax());
    }

    @Test
    void viewChangeRefsCannotExceedReplicas() {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().replicasMax(4).build());

        assertTrue(problem.getMessage().contains("viewChangeRefsMax (64) exceeds replicasMax (4)"),
                problem.getMessage());
    }

    @Test
    void theLargestViewChangeMustFitInAFrame() {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().logWindowMax(100_000).build());

        assertTrue(problem.getMessage().contains("the largest view-change"), problem.getMessage());
    }

    @Test
    void aLargestRequestMustFitInAPrePrepare() {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
                () -> WireLimits.builder().frameBytesMax(1024 * 1024).build());

        assertTrue(problem.getMessage().contains("the largest pre-prepare with one request"), problem.getMessage());
    }

    private static Digest digest() {
        return Digest.ZERO;
    }

    private static <T> List<T> times(int count, T element) {
        return Collections.nCopies(count, element);
    }

    private int encodedBodyLength(Message message) {
        return Frames.bodyLength(Frames.toArray(codec.encodeForAuthentication(1, message).authenticatedRegion()));
    }

    @Test
    void largestMessagesTakeExactlyTheComputedSizes() {
        int window = LIMITS.logWindowMax();
        int replicas = LIMITS.replicasMax();
        Bytes operation = Bytes.of(new byte[LIMITS.operationBytesMax()]);
        Request largestRequest = new Request(1, 0, 1, 0, operation,
                Authenticator.wrap(new byte[replicas * Authenticator.TAG_LENGTH_MAX], Authenticator.TAG_LENGTH_MAX));
        long requestBody = WireSizes.requestBodyMax(LIMITS.operationBytesMax(), replicas, LIMITS.signatureBytesMax());

        assertEquals(requestBody, encodedBodyLength(largestRequest));
        assertEquals(WireSizes.prePrepareBodyMax(LIMITS.nonDeterministicBytesMax(), 1, requestBody),
                encodedBodyLength(new PrePrepare(0, 0, Bytes.of(new byte[LIMITS.nonDeterministicBytesMax()]),
                        List.of(new InlineRequest(largestRequest)))));
        assertEquals(WireSizes.replyBodyMax(LIMITS.resultBytesMax()),
                encodedBodyLength(new Reply(0, 0, 0, 0, 0, 0, Bytes.of(new byte[LIMITS.resultBytesMax()]))));
        assertEquals(WireSizes.dataBodyMax(LIMITS.dataValueBytesMax()),
                encodedBodyLength(new Data(0, 0, Bytes.of(new byte[LIMITS.dataValueBytesMax()]), 0)));
        assertEquals(WireSizes.newKeyBodyMax(LIMITS.publicKeyBytesMax(), LIMITS.sealedKeysMax(),
                        LIMITS.sealedKeyBytesMax(), LIMITS.signatureBytesMax()),
                encodedBodyLength(new NewKey(0, 0, Bytes.of(new byte[LIMITS.publicKeyBytesMax()]),
                        times(LIMITS.sealedKeysMax(), new SealedSessionKey(9,
                                Bytes.of(new byte[LIMITS.sealedKeyBytesMax()]))),
                        Bytes.of(new byte[LIMITS.signatureBytesMax()]))));
        assertEquals(WireSizes.viewChangeBodyMax(window, LIMITS.digestViewsPerEntryMax()),
                encodedBodyLength(new ViewChange(0, 0, times(window, new CheckpointEntry(0, digest())),
                        times(window, new PreparedEntry(0, digest(), 0)),
                        times(window, new PrePreparedEntry(0, times(LIMITS.digestViewsPerEntryMax(),
                                new DigestView(digest(), 0)))), 0)));
        assertEquals(WireSizes.newViewBodyMax(LIMITS.viewChangeRefsMax(), window),
                encodedBodyLength(new NewView(0, times(LIMITS.viewChangeRefsMax(), new ViewChangeRef(0, digest())),
                        new CheckpointEntry(0, digest()), times(window, new Decision(0, digest())))));
        assertEquals(WireSizes.statusBodyMax(window, replicas),
                encodedBodyLength(new Status(0, false, false, 0, 0, Bitmap.of(window), Bitmap.of(window),
                        Bitmap.of(replicas, IntStream.range(0, replicas).toArray()), 0)));
        assertEquals(WireSizes.metaDataBodyMax(LIMITS.metaDataChildrenMax()),
                encodedBodyLength(new MetaData(0, 0, 0, times(LIMITS.metaDataChildrenMax(),
                        new PartitionSummary(0, 0, digest())), 0)));
    }

    @Test
    void theLargestTrailerTakesTheComputedSize() {
        Authenticator largest = Authenticator.wrap(new byte[LIMITS.replicasMax() * Authenticator.TAG_LENGTH_MAX],
                Authenticator.TAG_LENGTH_MAX);
        byte[] frame = Frames.toArray(codec.encode(1, Samples.all().get(3), largest));

        assertEquals(WireSizes.trailerBytesMax(LIMITS.replicasMax()), Frames.trailer(frame).length);
    }
}
