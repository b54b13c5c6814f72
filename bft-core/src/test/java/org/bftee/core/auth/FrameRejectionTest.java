package org.bftee.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.RejectReason;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.Reply;
import org.junit.jupiter.api.Test;

/** Every reason a {@link FrameOpener} refuses a frame, each counted under its own name. */
class FrameRejectionTest {

    private final AuthGroup group = new AuthGroup();
    private final FrameOpener replica0 = group.opener(0);

    private OpenResult.Rejected rejectedAt(FrameOpener opener, ByteBuffer frame) {
        return assertInstanceOf(OpenResult.Rejected.class, opener.open(frame));
    }

    private void assertRejected(AuthRejectReason reason, FrameOpener opener, ByteBuffer frame) {
        OpenResult.Rejected rejected = rejectedAt(opener, frame);
        assertEquals(reason, rejected.reason(), rejected.detail());
        assertEquals(1, opener.counters().count(reason));
        assertEquals(1, opener.counters().total());
    }

    @Test
    void garbageIsUndecodableWithTheCodecsReason() {
        OpenResult.Rejected rejected = rejectedAt(replica0, ByteBuffer.wrap(new byte[40]));

        assertEquals(AuthRejectReason.UNDECODABLE, rejected.reason());
        assertEquals(RejectReason.BAD_MAGIC, rejected.codecReason());
        assertEquals(1, replica0.counters().count(RejectReason.BAD_MAGIC));
    }

    @Test
    void aFrameOfAnotherGroupIsUndecodable() {
        MessageCodec otherGroup = new MessageCodec(AuthGroup.GROUP_ID + 1, WireLimits.defaults());
        ByteBuffer frame = otherGroup.encode(1, new Prepare(0, 1, AuthSamples.digest(1), 1),
                AuthGroup.zeroTags(AuthGroup.N));

        assertEquals(RejectReason.WRONG_GROUP, rejectedAt(replica0, frame).codecReason());
    }

    @Test
    void aFrameWithoutItsTrailerIsUndecodable() {
        byte[] frame = AuthGroup.bytes(group.sealer(1).seal(0, AuthSamples.authoredBy(MessageType.COMMIT, 1)));
        byte[] stripped = Arrays.copyOf(frame, frame.length - AuthGroup.N * AuthGroup.TAG_LENGTH);
        stripped[stripped.length - 2] = 0;
        stripped[stripped.length - 1] = 0;

        OpenResult.Rejected rejected = rejectedAt(replica0, ByteBuffer.wrap(stripped));

        assertEquals(RejectReason.BAD_TRAILER, rejected.codecReason());
    }

    @Test
    void anUnknownSenderIsRejected() {
        Message request = AuthSamples.request(2000);
        ByteBuffer frame = group.codec.encode(2000, request, null);

        assertRejected(AuthRejectReason.UNKNOWN_SENDER, replica0, frame);
    }

    @Test
    void aFrameClaimingToComeFromTheReceiverItselfIsRejected() {
        ByteBuffer frame = group.codec.encode(0, AuthSamples.authoredBy(MessageType.NEW_KEY, 0), null);

        assertRejected(AuthRejectReason.UNKNOWN_SENDER, replica0, frame);
    }

    @Test
    void anAuthenticatorWithTooFewEntriesHasTheWrongShape() {
        ByteBuffer frame = group.codec.encode(1, AuthSamples.authoredBy(MessageType.PREPARE, 1),
                AuthGroup.zeroTags(AuthGroup.N - 1));

        assertRejected(AuthRejectReason.WRONG_TRAILER_SHAPE, replica0, frame);
    }

    @Test
    void tagsOfAnotherLengthHaveTheWrongShape() {
        int otherLength = AuthGroup.TAG_LENGTH == 8 ? 16 : 8;
        ByteBuffer frame = group.codec.encode(1, AuthSamples.authoredBy(MessageType.VIEW_CHANGE_ACK, 1),
                Authenticator.wrap(new byte[otherLength], otherLength));

        assertRejected(AuthRejectReason.WRONG_TRAILER_SHAPE, replica0, frame);
    }

    @Test
    void aReceiverThatDiscardedItsKeysCannotAuthenticateAnything() {
        group.keys(0).discardKeys();
        ByteBuffer frame = group.sealer(1).sealMulticast(AuthSamples.authoredBy(MessageType.COMMIT, 1));

        assertRejected(AuthRejectReason.MAC_NO_KEY, replica0, frame);
    }

    @Test
    void aClientWithoutSessionKeysIsNotAuthenticated() {
        ByteBuffer frame = group.codec.encode(AuthGroup.KEYLESS_CLIENT, AuthSamples.authoredBy(MessageType.REPLY, 1),
                AuthGroup.zeroTags(1));

        assertRejected(AuthRejectReason.MAC_NO_KEY, replica0, frame);
    }

    @Test
    void aTagUnderTheRetiredKeyIsStale() {
        group.refreshInKeyOnly(1, 0, 2);
        ByteBuffer frame = group.sealer(1).sealMulticast(AuthSamples.authoredBy(MessageType.COMMIT, 1));

        assertRejected(AuthRejectReason.MAC_STALE_KEY, replica0, frame);
    }

    @Test
    void aForgedTagIsRejected() {
        byte[] frame = AuthGroup.bytes(group.sealer(1).sealMulticast(AuthSamples.authoredBy(MessageType.COMMIT, 1)));
        int entryOfReplica0 = frame.length - AuthGroup.N * AuthGroup.TAG_LENGTH;
        frame[entryOfReplica0 + 3] ^= 0x40;

        assertRejected(AuthRejectReason.MAC_FORGED, replica0, ByteBuffer.wrap(frame));
        assertEquals(new OpenResult.Opened(1, AuthSamples.authoredBy(MessageType.COMMIT, 1)),
                group.opener(2).open(ByteBuffer.wrap(frame)), "replica 2 checks only its own entry");
    }

    @Test
    void aChangedBodyUnderTheOriginalTagIsForged() {
        Commit honest = new Commit(7, 129, AuthSamples.digest(1), 1);
        Commit altered = new Commit(7, 129, AuthSamples.digest(2), 1);
        byte[] honestFrame = AuthGroup.bytes(group.sealer(1).sealMulticast(honest));
        byte[] alteredFrame = AuthGroup.bytes(group.codec.encode(1, altered, AuthGroup.zeroTags(AuthGroup.N)));
        int tags = AuthGroup.N * AuthGroup.TAG_LENGTH;
        System.arraycopy(honestFrame, honestFrame.length - tags, alteredFrame, alteredFrame.length - tags, tags);

        assertRejected(AuthRejectReason.MAC_FORGED, replica0, ByteBuffer.wrap(alteredFrame));
    }

    @Test
    void aMulticastAuthenticatorHasNoEntryForAClient() {
        ByteBuffer frame = group.sealer(1).sealMulticast(AuthSamples.authoredBy(MessageType.STATUS, 1));

        assertRejected(AuthRejectReason.MAC_MALFORMED, group.opener(AuthGroup.CLIENT), frame);
    }

    @Test
    void aClientCannotSendReplicaMessages() {
        PrePrepare prePrepare = (PrePrepare) AuthSamples.authoredBy(MessageType.PRE_PREPARE, 0);

        ByteBuffer frame = group.sealer(AuthGroup.CLIENT).sealMulticast(prePrepare);

        assertRejected(AuthRejectReason.NOT_FROM_A_REPLICA, replica0, frame);
    }

    @Test
    void aReplicaCannotImpersonateAnotherInAPrepare() {
        ByteBuffer frame = group.sealer(2).sealMulticast(new Prepare(7, 129, AuthSamples.digest(13), 1));

        assertRejected(AuthRejectReason.SENDER_MISMATCH, replica0, frame);
    }

    @Test
    void aReplicaCannotSignAReplyForAnother() {
        ByteBuffer frame = group.sealer(2).seal(AuthGroup.CLIENT, new Reply(7, AuthGroup.CLIENT, 2, 17, 3, 0,
                AuthSamples.text("ok")));

        assertRejected(AuthRejectReason.SENDER_MISMATCH, group.opener(AuthGroup.CLIENT), frame);
    }

    @Test
    void aNewKeyNamesItsSender() {
        NewKey newKey = (NewKey) AuthSamples.authoredBy(MessageType.NEW_KEY, 3);

        ByteBuffer frame = group.sealer(2).sealMulticast(newKey);

        assertRejected(AuthRejectReason.SENDER_MISMATCH, replica0, frame);
    }

    @Test
    void aClientCanOnlyActAsItself() {
        ByteBuffer frame = group.sealer(AuthGroup.CLIENT).sealMulticast(AuthSamples.request(AuthGroup.KEYLESS_CLIENT));

        assertRejected(AuthRejectReason.CLIENT_MISMATCH, replica0, frame);
    }

    @Test
    void anyReplicaMayRelayAPrePrepareOrAViewChangeButNoClient() {
        PrePrepare ofPrimary1 = (PrePrepare) AuthSamples.authoredBy(MessageType.PRE_PREPARE, 1);
        Message ofReplica3 = AuthSamples.authoredBy(MessageType.VIEW_CHANGE, 3);

        assertInstanceOf(OpenResult.Opened.class, replica0.open(group.sealer(2).sealMulticast(ofPrimary1)));
        assertInstanceOf(OpenResult.Opened.class, replica0.open(group.sealer(2).sealMulticast(ofReplica3)));
        assertRejected(AuthRejectReason.NOT_FROM_A_REPLICA, replica0,
                group.sealer(AuthGroup.CLIENT).sealMulticast(ofReplica3));
    }

    @Test
    void onlyTheNewViewsPrimarySendsANewView() {
        Message ofPrimary3 = AuthSamples.authoredBy(MessageType.NEW_VIEW, 3);

        ByteBuffer frame = group.sealer(2).sealMulticast(ofPrimary3);

        assertRejected(AuthRejectReason.NOT_PRIMARY, replica0, frame);
    }

    @Test
    void countersKeepEachReasonApart() {
        replica0.open(ByteBuffer.wrap(new byte[3]));
        replica0.open(group.sealer(2).sealMulticast(new Prepare(7, 129, AuthSamples.digest(13), 1)));
        replica0.open(group.sealer(2).sealMulticast(new Prepare(7, 129, AuthSamples.digest(13), 3)));
        replica0.open(group.sealer(2).sealMulticast(new Prepare(7, 129, AuthSamples.digest(13), 2)));

        assertEquals(1, replica0.counters().count(AuthRejectReason.UNDECODABLE));
        assertEquals(1, replica0.counters().count(RejectReason.TRUNCATED_FRAME));
        assertEquals(2, replica0.counters().count(AuthRejectReason.SENDER_MISMATCH));
        assertEquals(3, replica0.counters().total());
        assertEquals(2L, replica0.counters().snapshot().get(AuthRejectReason.SENDER_MISMATCH));
    }
}
