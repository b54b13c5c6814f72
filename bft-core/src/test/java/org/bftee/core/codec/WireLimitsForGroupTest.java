package org.bftee.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bftee.core.config.ProtocolLimits;
import org.junit.jupiter.api.Test;

class WireLimitsForGroupTest {

    @Test
    void theGroupsProtocolLimitsBecomeWireMaxima() {
        ProtocolLimits protocol = ProtocolLimits.defaults();
        WireLimits wire = WireLimits.forGroup(protocol, 4);
        assertEquals(4, wire.replicasMax());
        assertEquals(protocol.requestBytesMax(), wire.operationBytesMax());
        assertEquals(protocol.replyBytesMax(), wire.resultBytesMax());
        assertEquals(protocol.batchRequestsMax(), wire.batchRequestsMax());
        assertEquals(protocol.lanesPerClientMax(), wire.lanesMax());
        assertEquals(protocol.logWindow(), wire.logWindowMax());
    }

    @Test
    void aViewChangeOfALargeGroupCanCarryFPlusTwoDigestsPerSequenceNumber() {
        assertTrue(WireLimits.forGroup(ProtocolLimits.defaults(), 3 * 20 + 1).digestViewsPerEntryMax() >= 22);
    }

    @Test
    void theFrameMaximumGrowsToHoldTheLargestRequestTheGroupAllows() {
        int large = ProtocolLimits.ABSOLUTE_BYTES_MAX;
        ProtocolLimits protocol = new ProtocolLimits(256, 128, 64, 256 * 1024, 4, large, large, 4096, 64);
        WireLimits wire = WireLimits.forGroup(protocol, 7);
        assertTrue(wire.frameBytesMax() > large, "frame " + wire.frameBytesMax());
    }
}
