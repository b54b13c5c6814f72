package org.bftee.runtime.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelOption;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The write path and the owner's cut of a connection, on an {@link EmbeddedChannel}. */
class ChannelFrameConnectionTest {

    private final TransportCounters counters = new TransportCounters();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AcceptedConnection connection = new AcceptedConnection(channel, counters);

    @AfterEach
    void releaseChannel() {
        channel.finishAndReleaseAll();
    }

    private byte[] written() {
        ByteBuf out = channel.readOutbound();
        assertTrue(out != null, "a frame was written");
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    @Test
    void writesWaitForFlushAndLeaveTogetherWithTheFrameBytes() {
        byte[] first = TestFrames.frameBytes(TestFrames.reply(1, 20));
        byte[] second = TestFrames.frameBytes(TestFrames.reply(2, 30));

        connection.write(TestFrames.frame(TestFrames.reply(1, 20)));
        connection.write(TestFrames.frame(TestFrames.reply(2, 30)));
        assertNull(channel.readOutbound(), "nothing leaves before flush");
        connection.flush();

        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertArrayEquals(both, written(), "one buffer per flush, the frames in order");
        assertNull(channel.readOutbound());
        assertEquals(2, counters.framesOut());
    }

    @Test
    void writesBeyondThePendingLimitAreDroppedUntilItDrains() {
        channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, NettyTransport.waterMark(1));

        connection.write(TestFrames.frame(TestFrames.reply(1, 8)));
        connection.write(TestFrames.frame(TestFrames.reply(2, 8)));
        assertEquals(1, counters.writesDroppedBufferFull());
        connection.flush();
        connection.write(TestFrames.frame(TestFrames.reply(3, 8)));
        connection.flush();

        assertArrayEquals(TestFrames.frameBytes(TestFrames.reply(1, 8)), written());
        assertArrayEquals(TestFrames.frameBytes(TestFrames.reply(3, 8)), written());
        assertEquals(2, counters.framesOut());
    }

    @Test
    void writesOnAClosedConnectionAreDroppedAndCounted() {
        channel.close();

        connection.write(TestFrames.frame(TestFrames.reply(1, 8)));
        connection.flush();

        assertFalse(connection.isActive());
        assertEquals(1, counters.writesDroppedDisconnected());
        assertEquals(0, counters.framesOut());
        assertNull(channel.readOutbound());
    }

    @Test
    void theOwnersCutClosesOnceAndIsCountedOnce() {
        connection.close("16 frames failed authentication");
        connection.close("again");

        assertFalse(channel.isOpen());
        assertEquals(1, counters.connectionsCut());
    }
}
