package org.bftee.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.junit.jupiter.api.Test;

/** The records' own checks, which catch programmer errors only; peer input is the codec's business. */
class MessageRecordsTest {

    private static final Authenticator MACS = Authenticator.wrap(new byte[4 * 8], 8);
    private static final Bytes OPERATION = Bytes.of(new byte[] {1, 2, 3});

    @Test
    void aRequestHasExactlyOneKindOfAuthentication() {
        Bytes signature = Bytes.of(new byte[64]);

        assertTrue(new Request(1, 0, 1, Request.SIGNED, OPERATION, null, signature).isSigned());
        assertFalse(new Request(1, 0, 1, 0, OPERATION, MACS).isSigned());
        assertThrows(IllegalArgumentException.class, () -> new Request(1, 0, 1, 0, OPERATION, null));
        assertThrows(IllegalArgumentException.class, () -> new Request(1, 0, 1, 0, OPERATION, MACS, signature));
        assertThrows(IllegalArgumentException.class,
                () -> new Request(1, 0, 1, Request.SIGNED, OPERATION, MACS, signature));
        assertThrows(IllegalArgumentException.class,
                () -> new Request(1, 0, 1, Request.SIGNED, OPERATION, null, Bytes.EMPTY));
    }

    @Test
    void requestFlagsReadBack() {
        Request request = new Request(1, 0, 1, Request.READ_ONLY | Request.FULL_REPLIES_FROM_ALL, OPERATION, MACS);

        assertTrue(request.isReadOnly());
        assertTrue(request.isFullRepliesFromAll());
        assertThrows(IllegalArgumentException.class, () -> new Request(1, 0, 1, 1 << 3, OPERATION, MACS));
    }

    @Test
    void negativeIdsAndSequenceNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Request(-1, 0, 1, 0, OPERATION, MACS));
        assertThrows(IllegalArgumentException.class, () -> new Request(1, -1, 1, 0, OPERATION, MACS));
        assertThrows(IllegalArgumentException.class, () -> new Prepare(-1, 1, Digest.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new Commit(1, -1, Digest.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(1, Digest.ZERO, -2));
        assertThrows(IllegalArgumentException.class, () -> new Fetch(0, 0, -2, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Fetch(0, 0, 0, 0, -2, 0));
        assertEquals(Fetch.NONE, new Fetch(0, 0, Fetch.NONE, Fetch.NONE, Fetch.NONE, 0).designatedReplier());
    }

    @Test
    void nullComponentsAreRefused() {
        assertThrows(NullPointerException.class, () -> new Prepare(0, 0, null, 0));
        assertThrows(NullPointerException.class, () -> new PrePrepare(0, 0, null, List.of()));
        assertThrows(NullPointerException.class, () -> new PrePrepare(0, 0, Bytes.EMPTY, null));
        assertThrows(NullPointerException.class, () -> new NewView(0, List.of(), null, List.of()));
        assertThrows(NullPointerException.class, () -> new InlineRequest(null));
    }

    @Test
    void aDigestReplyCarriesADigest() {
        Reply reply = new Reply(0, 1, 0, 1, 2, Reply.DIGEST_ONLY, Bytes.of(Samples32.bytes()));

        assertEquals(Digest.of(Samples32.bytes()), reply.resultDigest());
        assertThrows(IllegalArgumentException.class, () -> new Reply(0, 1, 0, 1, 2, Reply.DIGEST_ONLY, OPERATION));
        assertThrows(IllegalStateException.class, () -> new Reply(0, 1, 0, 1, 2, 0, OPERATION).resultDigest());
    }

    @Test
    void listsAreCopiedAndUnmodifiable() {
        List<BatchEntry> batch = new ArrayList<>();
        batch.add(new RequestDigest(1, 0, 1, Digest.ZERO));
        PrePrepare prePrepare = new PrePrepare(0, 1, Bytes.EMPTY, batch);

        batch.add(new RequestDigest(2, 0, 1, Digest.ZERO));

        assertEquals(1, prePrepare.batch().size());
        assertThrows(UnsupportedOperationException.class, () -> prePrepare.batch().add(null));
    }

    @Test
    void listsWithNullElementsAreRefused() {
        List<DigestView> withNull = new ArrayList<>();
        withNull.add(null);

        assertThrows(NullPointerException.class, () -> new PrePreparedEntry(1, withNull));
    }

    @Test
    void statusBitmapsAreRelativeToTheStableCheckpoint() {
        Status status = new Status(3, false, false, 128, 130, Bitmap.of(8, 0, 7), Bitmap.of(8, 0), Bitmap.of(4), 1);

        assertTrue(status.hasPrepared(129));
        assertTrue(status.hasPrepared(136));
        assertFalse(status.hasPrepared(130));
        assertFalse(status.hasPrepared(128), "at the stable checkpoint");
        assertFalse(status.hasPrepared(137), "beyond the bitmap");
        assertFalse(status.hasPrepared(Long.MIN_VALUE));
        assertTrue(status.hasCommitted(129));
        assertFalse(status.hasCommitted(136));
    }

    @Test
    void theNullRequestDecisionIsTheZeroDigest() {
        assertTrue(new Decision(5, Digest.ZERO).isNullRequest());
        assertFalse(new Decision(5, Digest.of(Samples32.bytes())).isNullRequest());
    }

    /** A non-zero 32-byte value. */
    private static final class Samples32 {
        static byte[] bytes() {
            byte[] bytes = new byte[Digest.LENGTH];
            bytes[0] = 7;
            return bytes;
        }
    }
}
