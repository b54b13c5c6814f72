package org.bftee.core.replica;

import org.bftee.core.protocol.Quorums;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.PrePrepare;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prepared and committed-local predicates of the paper, for f = 1 (n = 4, primary of view 0 is 0). */
class SlotTest {

    private static final Digest D = digest(1);
    private static final Digest OTHER = digest(2);

    private final Quorums quorums = new Quorums(1);
    private Slot slot;

    @BeforeEach
    void acceptPrePrepare() {
        slot = new Slot(quorums);
        slot.clear(5);
        slot.acceptPrePrepare(new PrePrepare(0, 5, Bytes.EMPTY, List.of()), D, List.of());
    }

    @Test
    void preparedNeedsTwoFMatchingPreparesFromDistinctBackups() {
        slot.recordPrepare(1, 0, D);
        assertFalse(slot.isPrepared(0));
        slot.recordPrepare(1, 0, D);
        assertFalse(slot.isPrepared(0), "the same backup counts once");
        slot.recordPrepare(2, 0, D);
        assertTrue(slot.isPrepared(0));
    }

    @Test
    void aPrepareFromThePrimaryDoesNotCount() {
        slot.recordPrepare(0, 0, D);
        slot.recordPrepare(1, 0, D);
        assertFalse(slot.isPrepared(0));
    }

    @Test
    void preparesForAnotherDigestOrViewDoNotCount() {
        slot.recordPrepare(1, 0, D);
        slot.recordPrepare(2, 0, OTHER);
        slot.recordPrepare(3, 1, D);
        assertFalse(slot.isPrepared(0));
    }

    @Test
    void withoutThePrePrepareNothingIsPrepared() {
        Slot empty = new Slot(quorums);
        empty.clear(5);
        empty.recordPrepare(1, 0, D);
        empty.recordPrepare(2, 0, D);
        empty.recordPrepare(3, 0, D);
        assertFalse(empty.isPrepared(0));
    }

    @Test
    void committedNeedsPreparedAndTwoFPlusOneCommits() {
        slot.recordCommit(0, 0, D);
        slot.recordCommit(1, 0, D);
        slot.recordCommit(2, 0, D);
        assertFalse(slot.isCommitted(0), "commits alone are not enough: the replica must have prepared");
        slot.recordPrepare(1, 0, D);
        slot.recordPrepare(2, 0, D);
        assertTrue(slot.isCommitted(0));
    }

    @Test
    void twoFCommitsAreNotEnough() {
        slot.recordPrepare(1, 0, D);
        slot.recordPrepare(2, 0, D);
        slot.recordCommit(1, 0, D);
        slot.recordCommit(2, 0, D);
        slot.recordCommit(3, 0, OTHER);
        assertFalse(slot.isCommitted(0));
    }

    @Test
    void anOlderViewVoteCannotReplaceANewerOne() {
        assertEquals(Slot.Vote.RECORDED, slot.recordPrepare(1, 2, D));
        assertEquals(Slot.Vote.STALE, slot.recordPrepare(1, 1, D));
        assertTrue(slot.hasPrepareFrom(1, 2));
    }

    @Test
    void aReplicasFirstVoteInAViewStands() {
        slot.recordPrepare(1, 0, D);
        slot.recordPrepare(2, 0, D);
        assertTrue(slot.isPrepared(0));
        assertEquals(Slot.Vote.CONFLICTING, slot.recordPrepare(2, 0, OTHER));
        assertEquals(Slot.Vote.DUPLICATE, slot.recordPrepare(2, 0, D));
        assertTrue(slot.isPrepared(0), "a changed vote cannot take back a certificate");
    }

    @Test
    void aPartialPrepareVouchesForWhatItNamesButCountsTowardsNoCertificate() {
        slot.recordPrepare(1, 0, D, Bitmap.of(3, 1));
        slot.recordPrepare(2, 0, D);

        assertEquals(2, slot.vouchers(0, D, 0, -1));
        assertEquals(1, slot.vouchers(0, D, 1, -1));
        assertEquals(0, slot.vouchers(0, D, 1, 2), "the excluded replica's own vote is not counted");
        assertEquals(0, slot.vouchers(0, OTHER, 0, -1));
        assertFalse(slot.isPrepared(0));
    }

    @Test
    void aPartialPrepareMayOnlyBeUpgradedToOneThatVouchesForMore() {
        assertEquals(Slot.Vote.RECORDED, slot.recordPrepare(1, 0, D, Bitmap.of(3, 0, 1)));
        assertEquals(Slot.Vote.DUPLICATE, slot.recordPrepare(1, 0, D, Bitmap.of(3, 0, 1)));
        assertEquals(Slot.Vote.CONFLICTING, slot.recordPrepare(1, 0, D, Bitmap.of(3, 2)), "takes back entry 2");
        assertEquals(Slot.Vote.RECORDED, slot.recordPrepare(1, 0, D, Bitmap.of(3, 1)));
        assertEquals(Slot.Vote.RECORDED, slot.recordPrepare(1, 0, D));
        assertEquals(Slot.Vote.CONFLICTING, slot.recordPrepare(1, 0, D, Bitmap.of(3, 1)), "a full vote stands");
        slot.recordPrepare(2, 0, D);
        assertTrue(slot.isPrepared(0));
    }

    @Test
    void aSecondBatchForTheSameViewConflicts() {
        assertTrue(slot.conflicts(0, OTHER));
        assertFalse(slot.conflicts(0, D));
        assertFalse(slot.conflicts(1, OTHER));
    }

    @Test
    void aPrePrepareForAnotherSequenceIsABug() {
        assertThrows(IllegalStateException.class,
                () -> slot.acceptPrePrepare(new PrePrepare(0, 6, Bytes.EMPTY, List.of()), D, List.of()));
    }

    static Digest digest(int value) {
        byte[] bytes = new byte[Digest.LENGTH];
        bytes[0] = (byte) value;
        return Digest.of(bytes);
    }
}
