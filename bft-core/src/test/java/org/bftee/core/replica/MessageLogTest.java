package org.bftee.core.replica;

import org.bftee.core.protocol.Quorums;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageLogTest {

    private final MessageLog log = new MessageLog(new Quorums(1), 8);

    @Test
    void acceptsOnlyInsideTheWaterMarks() {
        assertFalse(log.inWindow(0));
        assertTrue(log.inWindow(1));
        assertTrue(log.inWindow(8));
        assertFalse(log.inWindow(9));
        assertThrows(IllegalStateException.class, () -> log.slot(9));
    }

    @Test
    void advancingDiscardsTheOldEntriesAndOpensNewOnes() {
        log.slot(5).recordCommit(1, 0, SlotTest.digest(1));
        log.slot(7).recordCommit(1, 0, SlotTest.digest(1));
        log.advanceLowWaterMark(4);
        assertEquals(4, log.lowWaterMark());
        assertEquals(12, log.highWaterMark());
        assertTrue(log.slot(5).hasCommitFrom(1, 0), "entries above the new low water mark are kept");
        assertEquals(12, log.slot(12).sequence());
        assertFalse(log.slot(12).hasCommitFrom(1, 0), "a reused slot starts empty");
        assertNull(log.slot(12).prePrepare());
        log.checkInvariants();
    }

    @Test
    void advancingBeyondAWholeWindowResetsEverySlot() {
        log.slot(3).recordPrepare(2, 0, SlotTest.digest(3));
        log.advanceLowWaterMark(40);
        for (long s = 41; s <= 48; s++) {
            assertEquals(s, log.slot(s).sequence());
            assertFalse(log.slot(s).hasPrepareFrom(2, 0));
        }
        log.checkInvariants();
    }

    @Test
    void advancingBackwardsIsIgnored() {
        log.advanceLowWaterMark(16);
        log.advanceLowWaterMark(8);
        assertEquals(16, log.lowWaterMark());
        log.checkInvariants();
    }
}
