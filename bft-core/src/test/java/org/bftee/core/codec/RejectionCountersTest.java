package org.bftee.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectionCountersTest {

    private final MessageCodec codec = new MessageCodec(Samples.GROUP, WireLimits.defaults());

    @Test
    void countsEachReasonSeparately() {
        RejectionCounters counters = new RejectionCounters();

        counters.record(RejectReason.BAD_MAGIC);
        counters.record(RejectReason.BAD_MAGIC);
        counters.record(RejectReason.WRONG_GROUP);

        assertEquals(2, counters.count(RejectReason.BAD_MAGIC));
        assertEquals(1, counters.count(RejectReason.WRONG_GROUP));
        assertEquals(0, counters.count(RejectReason.TRAILING_BYTES));
        assertEquals(3, counters.total());
    }

    @Test
    void recordsDecodeResultsAndIgnoresDecodedFrames() {
        RejectionCounters counters = new RejectionCounters();
        ByteBuffer valid = codec.encode(1, Samples.reply(), Samples.authenticator(1));

        counters.record(codec.decode(valid));
        counters.record(codec.decode(ByteBuffer.wrap(new byte[3])));

        assertEquals(1, counters.total());
        assertEquals(1, counters.count(RejectReason.TRUNCATED_FRAME));
    }

    @Test
    void snapshotListsEveryReasonAndDoesNotChangeAfterwards() {
        RejectionCounters counters = new RejectionCounters();
        counters.record(RejectReason.INVALID_FIELD);

        Map<RejectReason, Long> snapshot = counters.snapshot();
        counters.record(RejectReason.INVALID_FIELD);

        assertEquals(RejectReason.values().length, snapshot.size());
        assertEquals(1L, snapshot.get(RejectReason.INVALID_FIELD));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put(RejectReason.BAD_MAGIC, 5L));
    }
}
