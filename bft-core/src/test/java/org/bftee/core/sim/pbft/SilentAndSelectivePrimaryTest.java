package org.bftee.core.sim.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.Message;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;
import org.bftee.core.message.ViewChange;
import org.bftee.core.sim.MessageInterceptor;
import org.junit.jupiter.api.Test;

/** The primaries that stop ordering, for everyone or for one client, rewrite only their PRE-PREPAREs. */
class SilentAndSelectivePrimaryTest {

    private static final int TARGET = 1000;
    private static final int OTHER = 1001;
    private static final Bytes TIME = Bytes.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 42});

    private static InlineRequest inline(int client, long timestamp) {
        int tagLength = Authenticator.TAG_LENGTH_MIN;
        return new InlineRequest(new Request(client, 0, timestamp, 0, Bytes.wrap(new byte[] {(byte) timestamp}),
                Authenticator.wrap(new byte[4 * tagLength], tagLength)));
    }

    private static RequestDigest byDigest(int client, long timestamp) {
        byte[] digest = new byte[Digest.LENGTH];
        digest[0] = (byte) timestamp;
        return new RequestDigest(client, 1, timestamp, Digest.of(digest));
    }

    private static PrePrepare prePrepare(long sequence, List<BatchEntry> batch) {
        return new PrePrepare(2, sequence, TIME, batch);
    }

    /** Messages every replica sends besides pre-prepares: none of them may change. */
    private static List<Message> others() {
        Digest digest = byDigest(OTHER, 1).digest();
        return List.of(new Prepare(2, 5, digest, 1), new Commit(2, 5, digest, 1), new Checkpoint(4, digest, 1),
                new ViewChange(3, 4, List.of(), List.of(), List.of(), 1));
    }

    private static void assertOthersPassUnchanged(MessageInterceptor interceptor) {
        for (Message message : others()) {
            for (int receiver = 1; receiver < 4; receiver++) {
                assertSame(message, interceptor.rewrite(receiver, message), message.type().name());
            }
        }
    }

    @Test
    void aSilentPrimarySendsNoPrePrepareFromItsSequenceNumberOn() {
        SilentPrimary primary = new SilentPrimary(4);
        PrePrepare before = prePrepare(3, List.of(inline(OTHER, 1)));

        for (int receiver = 1; receiver < 4; receiver++) {
            assertSame(before, primary.rewrite(receiver, before), "retransmission of an earlier pre-prepare");
            assertNull(primary.rewrite(receiver, prePrepare(4, List.of(inline(OTHER, 2)))));
            assertNull(primary.rewrite(receiver, prePrepare(9, List.of())), "not even the null request");
        }
        assertOthersPassUnchanged(primary);
    }

    @Test
    void aSelectivePrimaryLeavesOutExactlyTheTargetClientsEntriesInOrder() {
        SelectivePrimary primary = new SelectivePrimary(TARGET);
        PrePrepare genuine = prePrepare(7, List.of(inline(TARGET, 1), byDigest(OTHER, 1), byDigest(TARGET, 2),
                inline(OTHER, 2), inline(OTHER + 1, 1)));

        for (int receiver = 1; receiver < 4; receiver++) {
            Message sent = primary.rewrite(receiver, genuine);
            assertEquals(prePrepare(7, List.of(byDigest(OTHER, 1), inline(OTHER, 2), inline(OTHER + 1, 1))), sent);
        }
    }

    @Test
    void aBatchOfOnlyTheTargetsRequestsGoesOutAsANullRequest() {
        SelectivePrimary primary = new SelectivePrimary(TARGET);
        PrePrepare genuine = prePrepare(8, List.of(inline(TARGET, 3), byDigest(TARGET, 4)));

        Message sent = primary.rewrite(2, genuine);
        assertNotNull(sent, "the pre-prepare is still sent");
        assertEquals(prePrepare(8, List.of()), sent);
    }

    @Test
    void aSelectivePrimaryPassesEverythingElseUnchanged() {
        SelectivePrimary primary = new SelectivePrimary(TARGET);
        PrePrepare untouched = prePrepare(9, List.of(inline(OTHER, 3), byDigest(OTHER + 1, 1)));
        PrePrepare nullRequest = prePrepare(10, List.of());

        assertSame(untouched, primary.rewrite(1, untouched));
        assertSame(nullRequest, primary.rewrite(1, nullRequest));
        assertOthersPassUnchanged(primary);
    }
}
