package org.bftee.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Sealer to opener between principals with installed session keys, for every message type and route. */
class FrameRoundTripTest {

    private final AuthGroup group = new AuthGroup();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void aPointToPointFrameOpensAtItsReceiver(MessageType type) {
        int author = AuthSamples.authorOf(type);
        int receiver = AuthSamples.receiverOf(type);
        Message message = AuthSamples.authoredBy(type, author);

        ByteBuffer frame = group.sealer(author).seal(receiver, message);

        assertEquals(new OpenResult.Opened(author, message), group.opener(receiver).open(frame));
        assertEquals(0, frame.position(), "opening leaves the frame where it was");
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"REQUEST", "NEW_KEY", "PRE_PREPARE", "PREPARE", "COMMIT",
            "CHECKPOINT", "VIEW_CHANGE", "NEW_VIEW", "QUERY_STABLE", "FETCH", "STATUS"})
    void aMulticastFrameOpensAtEveryOtherReplica(MessageType type) {
        int author = AuthSamples.authorOf(type);
        Message message = AuthSamples.authoredBy(type, author);

        ByteBuffer frame = group.sealer(author).sealMulticast(message);

        for (int replica = 0; replica < AuthGroup.N; replica++) {
            if (replica != author) {
                assertEquals(new OpenResult.Opened(author, message), group.opener(replica).open(frame.duplicate()),
                        "at replica " + replica);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.Authentication.class, names = {"MAC", "AUTHENTICATOR"})
    void aPointToPointFrameIsForgedForAnyOtherReplica(MessageType.Authentication authentication) {
        MessageType type = authentication == MessageType.Authentication.MAC ? MessageType.VIEW_CHANGE_ACK
                : MessageType.PREPARE;
        ByteBuffer frame = group.sealer(1).seal(2, AuthSamples.authoredBy(type, 1));

        OpenResult result = group.opener(3).open(frame);

        assertEquals(AuthRejectReason.MAC_FORGED, assertInstanceOf(OpenResult.Rejected.class, result).reason());
    }

    @Test
    void aBackupMayForwardAClientsRequest() {
        Message request = AuthSamples.request(AuthGroup.CLIENT);

        ByteBuffer frame = group.sealer(2).seal(0, request);

        assertEquals(new OpenResult.Opened(2, request), group.opener(0).open(frame));
    }

    @Test
    void aPointToPointTypeCannotBeMulticast() {
        Reply reply = (Reply) AuthSamples.authoredBy(MessageType.REPLY, 1);

        assertThrows(IllegalArgumentException.class, () -> group.sealer(1).sealMulticast(reply));
    }

    @Test
    void sendingAReplicaMessageToAClientOrToOneselfIsABug() {
        Message prepare = AuthSamples.authoredBy(MessageType.PREPARE, 1);

        assertThrows(IllegalArgumentException.class, () -> group.sealer(1).seal(AuthGroup.CLIENT, prepare));
        assertThrows(IllegalArgumentException.class, () -> group.sealer(1).seal(1, prepare));
    }
}
