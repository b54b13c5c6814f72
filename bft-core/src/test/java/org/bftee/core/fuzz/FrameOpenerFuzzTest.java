package org.bftee.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.bftee.core.auth.AuthRejectReason;
import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.OpenResult;
import org.bftee.core.auth.Principals;
import org.bftee.core.codec.DecodeResult;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.SessionKey;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.protocol.Quorums;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link FrameOpener#open}, the receiving end of every connection
 * (docs/fuzzing.md). Replica {@link #RECEIVER} of a group of four replicas and one client opens
 * each input twice:
 * <ul>
 *   <li>as it came: the opener answers and never throws, within the codec's allocation budget,
 *       and opens only what decodes, as what it decodes to;</li>
 *   <li>when the input decodes, sealed again by the principal its header names (or replica 1 when
 *       that is no sealing principal), so that the MAC is right and the author rules
 *       ({@code SenderRules}) see arbitrary messages: the frame is then opened as the message, or
 *       refused by an author rule, never for its decoding or its MAC.</li>
 * </ul>
 */
class FrameOpenerFuzzTest {

    static final int RECEIVER = 0;
    static final int CLIENT = 1000;

    /** The reasons an author rule gives; a resealed frame may be refused only for one of these. */
    private static final Set<AuthRejectReason> AUTHOR_RULES = EnumSet.of(AuthRejectReason.NOT_FROM_A_REPLICA,
            AuthRejectReason.SENDER_MISMATCH, AuthRejectReason.CLIENT_MISMATCH, AuthRejectReason.NOT_PRIMARY);

    private final Principals principals = new Principals(new Quorums(1), Set.of(CLIENT));
    private final MessageCodec codec = new MessageCodec(CodecFuzzTest.GROUP, CodecFuzzTest.LIMITS);
    private final Map<Integer, SessionKeys> keys = new HashMap<>();
    private final Map<Integer, FrameSealer> sealers = new HashMap<>();
    private final FrameOpener opener;

    FrameOpenerFuzzTest() {
        int[] everyone = {0, 1, 2, 3, CLIENT};
        for (int principal : everyone) {
            keys.put(principal, new SessionKeys(principal, MacSettings.DEFAULT, 8));
        }
        for (int from : everyone) {
            for (int to : everyone) {
                if (from != to && (principals.isReplica(from) || principals.isReplica(to))) {
                    SessionKey key = fixedKey(from, to);
                    keys.get(to).installInKey(from, key, 1);
                    keys.get(from).installOutKey(to, key, 1);
                }
            }
        }
        for (int principal : everyone) {
            sealers.put(principal, new FrameSealer(codec, new Authenticators(keys.get(principal)),
                    DigestAlgorithm.DEFAULT.newDigester(), principals));
        }
        opener = new FrameOpener(codec, new Authenticators(keys.get(RECEIVER)), DigestAlgorithm.DEFAULT.newDigester(),
                principals);
    }

    /** The same keys in every run, so that a stored input opens the same way each time. */
    private static SessionKey fixedKey(int from, int to) {
        byte[] raw = new byte[SessionKey.LENGTH];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (31 * from + 7 * to + i);
        }
        return SessionKey.fromRaw(raw);
    }

    @FuzzTest
    @Timeout(10)
    void open(byte[] input) {
        OpenResult result = CodecFuzzTest.BUDGET.check(input.length, "opening a frame",
                () -> opener.open(ByteBuffer.wrap(input)));
        assertNotNull(result);
        DecodeResult decoded = codec.decode(ByteBuffer.wrap(input));
        if (result instanceof OpenResult.Opened opened) {
            DecodeResult.Decoded message = (DecodeResult.Decoded) decoded;
            assertEquals(new OpenResult.Opened(message.header().sender(), message.message()), opened);
        }
        if (decoded instanceof DecodeResult.Decoded message) {
            openResealed(message.header().sender(), message.message());
        }
    }

    private void openResealed(int claimedSender, Message message) {
        int author = sealers.containsKey(claimedSender) && claimedSender != RECEIVER ? claimedSender : 1;
        FrameSealer sealer = sealers.get(author);
        ByteBuffer frame = message.type().authentication() == MessageType.Authentication.AUTHENTICATOR
                && principals.isReplica(author) ? sealer.sealMulticast(message) : sealer.seal(RECEIVER, message);

        OpenResult result = opener.open(frame);

        if (result instanceof OpenResult.Rejected rejected) {
            assertTrue(AUTHOR_RULES.contains(rejected.reason()), "a frame sealed by " + author
                    + " was refused for something other than an author rule: " + rejected);
        } else {
            assertEquals(new OpenResult.Opened(author, message), result);
        }
    }
}
