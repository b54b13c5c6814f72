package org.bftee.core.codec;

import java.util.Arrays;
import java.util.List;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Data;
import org.bftee.core.message.Decision;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.Fetch;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.MetaDataDigest;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PartitionSummary;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.QueryStable;
import org.bftee.core.message.Reply;
import org.bftee.core.message.ReplyStable;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;
import org.bftee.core.message.SealedSessionKey;
import org.bftee.core.message.Status;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeAck;
import org.bftee.core.message.ViewChangeRef;

/** Hand-written messages of every type, a group of four replicas, and the trailer each would travel with. */
final class Samples {

    static final int GROUP = 0x0B0B;
    static final int N = 4;
    static final int CLIENT = 1000;

    private Samples() {
    }

    static Digest digest(int seed) {
        byte[] bytes = new byte[Digest.LENGTH];
        Arrays.fill(bytes, (byte) seed);
        bytes[0] = (byte) (seed >>> 8);
        return Digest.of(bytes);
    }

    static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code count} tags of 16 bytes, each filled with a distinct value. */
    static Authenticator authenticator(int count) {
        byte[] tags = new byte[count * 16];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = (byte) (i / 16 + 1);
        }
        return Authenticator.wrap(tags, 16);
    }

    /** The trailer a frame of {@code type} would carry in a group of {@link #N}. */
    static Authenticator trailerFor(MessageType type) {
        return switch (type.authentication()) {
            case NONE -> null;
            case MAC -> authenticator(1);
            case AUTHENTICATOR -> authenticator(N);
        };
    }

    static Request request() {
        return new Request(CLIENT, 3, 17, Request.READ_ONLY, bytes("get balance"), authenticator(N));
    }

    static Request signedRecoveryRequest() {
        return new Request(2, 0, 5, Request.SIGNED, bytes("recovery h=128"), null, Bytes.of(new byte[64]));
    }

    static Reply reply() {
        return new Reply(7, CLIENT, 3, 17, 2, Reply.TENTATIVE, bytes("balance=12"));
    }

    static Reply digestReply() {
        return new Reply(7, CLIENT, 3, 17, 1, Reply.TENTATIVE | Reply.DIGEST_ONLY,
                Bytes.of(digest(9).toByteArray()));
    }

    static PrePrepare prePrepare() {
        return new PrePrepare(7, 129, bytes("time=1700000000"), List.of(
                new InlineRequest(request()),
                new RequestDigest(CLIENT + 1, 0, 4, digest(3)),
                new InlineRequest(signedRecoveryRequest())));
    }

    static ViewChange viewChange() {
        return new ViewChange(8, 128,
                List.of(new CheckpointEntry(128, digest(11)), new CheckpointEntry(256, digest(12))),
                List.of(new PreparedEntry(129, digest(13), 7), new PreparedEntry(130, digest(14), 6)),
                List.of(new PrePreparedEntry(129, List.of(new DigestView(digest(13), 7))),
                        new PrePreparedEntry(131, List.of(new DigestView(digest(15), 5), new DigestView(digest(16), 7)))),
                3);
    }

    static NewView newView() {
        return new NewView(8, List.of(new ViewChangeRef(0, digest(21)), new ViewChangeRef(2, digest(22)),
                new ViewChangeRef(3, digest(23))), new CheckpointEntry(128, digest(11)),
                List.of(new Decision(129, digest(13)), new Decision(130, Digest.ZERO)));
    }

    static NewKey newKey() {
        return new NewKey(1, 42, Bytes.of(new byte[32]), List.of(
                new SealedSessionKey(0, Bytes.of(new byte[60])),
                new SealedSessionKey(2, Bytes.of(new byte[60])),
                new SealedSessionKey(3, Bytes.of(new byte[60]))), Bytes.of(new byte[64]));
    }

    static Status status() {
        return new Status(7, false, true, 128, 140, Bitmap.of(12, 0, 1, 2, 11), Bitmap.of(12, 0, 1),
                Bitmap.of(N), 2);
    }

    /** A PREPARE vouching for entries 0 and 2 of a three-request batch, not for entry 1. */
    static Prepare partialPrepare() {
        return new Prepare(7, 129, digest(13), 2, Bitmap.of(3, 1));
    }

    /** One message of every type, in tag order. */
    static List<Message> all() {
        return List.of(
                request(),
                reply(),
                prePrepare(),
                new Prepare(7, 129, digest(13), 1),
                new Commit(7, 129, digest(13), 2),
                new Checkpoint(256, digest(12), 3),
                viewChange(),
                new ViewChangeAck(8, 1, 3, digest(31)),
                newView(),
                newKey(),
                new QueryStable(3, 0x1234_5678_9ABC_DEF0L),
                new ReplyStable(256, 300, 0, -77),
                new Fetch(2, 17, 128, Fetch.NONE, Fetch.NONE, 3),
                new MetaData(256, 1, 4, List.of(new PartitionSummary(32, 200, digest(41)),
                        new PartitionSummary(35, 256, digest(42))), 0),
                new MetaDataDigest(256, 1, 4, digest(43), 2),
                new Data(12345, 256, bytes("object 12345"), 1),
                status());
    }

    /** Further shapes worth a round trip of their own. */
    static List<Message> variants() {
        return List.of(
                signedRecoveryRequest(),
                digestReply(),
                partialPrepare(),
                new PrePrepare(9, 1, Bytes.EMPTY, List.of()),
                new ViewChange(1, 0, List.of(), List.of(), List.of(), 0),
                new NewView(1, List.of(), new CheckpointEntry(0, Digest.ZERO), List.of()),
                new NewKey(0, 0, Bytes.EMPTY, List.of(), Bytes.EMPTY),
                new Fetch(0, 0, Fetch.NONE, 512, 2, 1),
                new MetaData(0, 0, 0, List.of(), 3),
                new Data(0, 0, Bytes.EMPTY, 0),
                new Status(9, true, false, 0, 0, Bitmap.EMPTY, Bitmap.EMPTY, Bitmap.of(N, 0, 3), 3));
    }
}
