package org.bftee.core.auth;

import java.nio.charset.StandardCharsets;
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
import org.bftee.core.message.SealedSessionKey;
import org.bftee.core.message.Status;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeAck;
import org.bftee.core.message.ViewChangeRef;

/** One message of each type, authored by a given principal so that its own author field is honest. */
final class AuthSamples {

    private AuthSamples() {
    }

    static Digest digest(int seed) {
        byte[] bytes = new byte[Digest.LENGTH];
        Arrays.fill(bytes, (byte) seed);
        return Digest.of(bytes);
    }

    static Bytes text(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A client's request authenticator: its MACs are the replica's to check, not the opener's. */
    static Authenticator requestAuthenticator() {
        byte[] tags = new byte[AuthGroup.N * 16];
        Arrays.fill(tags, (byte) 0x5A);
        return Authenticator.wrap(tags, 16);
    }

    static Request request(int client) {
        return new Request(client, 2, 17, 0, text("put k v"), requestAuthenticator());
    }

    /**
     * A message of {@code type} written by {@code author}; PRE-PREPARE and NEW-VIEW name a view
     * whose primary is {@code author}.
     */
    static Message authoredBy(MessageType type, int author) {
        long view = author % AuthGroup.N;
        return switch (type) {
            case REQUEST -> request(author);
            case REPLY -> new Reply(7, AuthGroup.CLIENT, 2, 17, author, Reply.TENTATIVE, text("ok"));
            case PRE_PREPARE -> new PrePrepare(view + AuthGroup.N, 129, text("time=1700000000"),
                    List.of(new InlineRequest(request(AuthGroup.CLIENT))));
            case PREPARE -> new Prepare(7, 129, digest(13), author);
            case COMMIT -> new Commit(7, 129, digest(13), author);
            case CHECKPOINT -> new Checkpoint(256, digest(12), author);
            case VIEW_CHANGE -> new ViewChange(8, 128, List.of(new CheckpointEntry(128, digest(11))),
                    List.of(new PreparedEntry(129, digest(13), 7)),
                    List.of(new PrePreparedEntry(129, List.of(new DigestView(digest(13), 7)))), author);
            case VIEW_CHANGE_ACK -> new ViewChangeAck(8, author, (author + 1) % AuthGroup.N, digest(31));
            case NEW_VIEW -> new NewView(view + AuthGroup.N, List.of(new ViewChangeRef(0, digest(21)),
                    new ViewChangeRef(2, digest(22)), new ViewChangeRef(3, digest(23))),
                    new CheckpointEntry(128, digest(11)), List.of(new Decision(129, digest(13))));
            case NEW_KEY -> new NewKey(author, 42, Bytes.of(new byte[32]),
                    List.of(new SealedSessionKey(0, Bytes.of(new byte[60]))), Bytes.of(new byte[64]));
            case QUERY_STABLE -> new QueryStable(author, 0x1234_5678L);
            case REPLY_STABLE -> new ReplyStable(256, 300, author, 0x1234_5678L);
            case FETCH -> new Fetch(2, 17, 128, Fetch.NONE, Fetch.NONE, author);
            case META_DATA -> new MetaData(256, 1, 4, List.of(new PartitionSummary(32, 200, digest(41))), author);
            case META_DATA_DIGEST -> new MetaDataDigest(256, 1, 4, digest(43), author);
            case DATA -> new Data(12345, 256, text("object 12345"), author);
            case STATUS -> new Status(7, false, true, 128, 140, Bitmap.of(12, 0, 1, 11), Bitmap.of(12, 0),
                    Bitmap.of(AuthGroup.N), author);
        };
    }

    /** The principal that sends {@code type} in {@link AuthGroup}'s round trips: the client for a request, else replica 1. */
    static int authorOf(MessageType type) {
        return type == MessageType.REQUEST ? AuthGroup.CLIENT : 1;
    }

    /** The principal that receives {@code type} point to point: the client for a reply, else replica 2. */
    static int receiverOf(MessageType type) {
        return type == MessageType.REPLY ? AuthGroup.CLIENT : 2;
    }
}
