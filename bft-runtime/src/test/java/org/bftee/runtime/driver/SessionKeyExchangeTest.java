package org.bftee.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Collectors;

import org.bftee.core.auth.AuthRejectReason;
import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.OpenResult;
import org.bftee.core.auth.Principals;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.NewKeyOpening;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.NewKey;
import org.bftee.core.protocol.Quorums;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.TestGroups;
import org.junit.jupiter.api.Test;

/**
 * Key refresh between two replicas of a group, with the runtime's exchange and the core's frame
 * sealer and opener: what happens to frames under a replaced key, and to NEW-KEY messages replayed.
 */
class SessionKeyExchangeTest {

    private static final int CLIENT = GroupConfig.CLIENT_ID_MIN;
    private static final GroupConfig GROUP = TestGroups.group(1, CLIENT);

    /** Replica 0 receives; replica 1 sends to it under the key replica 0 chose. */
    private final Principal receiver = new Principal(0);
    private final Principal sender = new Principal(1);

    @Test
    void aFrameSealedUnderTheKeyFromBeforeARefreshIsRefusedAsStaleAndCounted() {
        assertTrue(sender.exchange.onNewKey(0, receiver.exchange.freshKeys(1_000)));
        ByteBuffer sealedBefore = sender.seal();
        assertInstanceOf(OpenResult.Opened.class, receiver.open(sealedBefore.duplicate()));

        NewKey refresh = receiver.exchange.freshKeys(2_000);

        // Refused at once, with no grace period: the frame sealed before, and one sealed since by a
        // sender that has not yet got the new NEW-KEY.
        assertRefusedAsStale(receiver.open(sealedBefore.duplicate()));
        assertRefusedAsStale(receiver.open(sender.seal()));
        assertEquals(2, receiver.opener.counters().count(AuthRejectReason.MAC_STALE_KEY));

        assertTrue(sender.exchange.onNewKey(0, refresh));
        assertInstanceOf(OpenResult.Opened.class, receiver.open(sender.seal()));
        assertRefusedAsStale(receiver.open(sealedBefore.duplicate()));
    }

    @Test
    void aNewKeyReplayedAfterItWasAcceptedIsRefusedAsOldCounterAndCounted() {
        NewKey recorded = receiver.exchange.freshKeys(1_000);
        assertTrue(sender.exchange.onNewKey(0, recorded));

        assertFalse(sender.exchange.onNewKey(0, recorded));
        assertFalse(sender.exchange.onNewKey(0, recorded));

        KeyRefreshCounts counts = sender.exchange.counts();
        assertEquals(1, counts.newKeysAccepted());
        assertEquals(2, counts.refused(NewKeyOpening.Status.OLD_COUNTER));
        assertEquals(2L, sender.exchange.refused().get(NewKeyOpening.Status.OLD_COUNTER));
    }

    @Test
    void aNewKeyFromBeforeARefreshReplayedAfterItCannotBringItsKeyBack() {
        NewKey old = receiver.exchange.freshKeys(1_000);
        assertTrue(sender.exchange.onNewKey(0, old));
        assertTrue(sender.exchange.onNewKey(0, receiver.exchange.freshKeys(2_000)));

        assertFalse(sender.exchange.onNewKey(0, old));

        assertEquals(1, sender.exchange.counts().refused(NewKeyOpening.Status.OLD_COUNTER));
        assertInstanceOf(OpenResult.Opened.class, receiver.open(sender.seal()),
                "the sender still seals under the key of the newer NEW-KEY");
    }

    @Test
    void aRefreshAfterTheClockWentBackStillCarriesALargerCounter() {
        assertTrue(sender.exchange.onNewKey(0, receiver.exchange.freshKeys(5_000)));

        NewKey refresh = receiver.exchange.freshKeys(1_000);

        assertEquals(5_001, refresh.counter());
        assertTrue(sender.exchange.onNewKey(0, refresh));
    }

    @Test
    void everyRefreshIsCountedAndTheCountsAreCopiedOnlyWhenTheyChange() {
        receiver.exchange.freshKeys(1_000);
        receiver.exchange.freshKeys(2_000);
        receiver.exchange.freshKeys(3_000);

        KeyRefreshCounts counts = receiver.exchange.counts();

        assertEquals(3, counts.freshKeysSent());
        assertSame(counts, receiver.exchange.counts());
        assertEquals(NewKeyOpening.Status.values().length - 1, counts.newKeysRefused().size(),
                "every refusal reason is listed, zero included");
        assertEquals(0, counts.refused(NewKeyOpening.Status.BAD_SIGNATURE));
    }

    private static void assertRefusedAsStale(OpenResult result) {
        OpenResult.Rejected rejected = assertInstanceOf(OpenResult.Rejected.class, result);
        assertEquals(AuthRejectReason.MAC_STALE_KEY, rejected.reason(), rejected.detail());
    }

    /** One replica's keys, exchange, sealer and opener, as its driver holds them. */
    private static final class Principal {

        final int id;
        final SessionKeyExchange exchange;
        final FrameSealer sealer;
        final FrameOpener opener;

        Principal(int id) {
            this.id = id;
            SessionKeys keys = new SessionKeys(id, MacSettings.DEFAULT, SessionKeyExchange.peersOf(id, GROUP).size());
            Random random = new Random(id);
            this.exchange = new SessionKeyExchange(id, GROUP, TestGroups.keys(id), keys, random::nextBytes);
            MessageCodec codec = new MessageCodec(GROUP.groupId(), WireLimits.forGroup(GROUP.limits(), GROUP.n()));
            Principals principals = new Principals(new Quorums(GROUP.f()),
                    GROUP.clients().stream().map(GroupConfig.ClientEntry::id).collect(Collectors.toSet()));
            Authenticators authenticators = new Authenticators(keys);
            this.sealer = new FrameSealer(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
            this.opener = new FrameOpener(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        }

        /** A CHECKPOINT to replica 0, authenticated with the out-key this principal holds now. */
        ByteBuffer seal() {
            return sealer.seal(0, new Checkpoint(8, Digest.ZERO, id));
        }

        OpenResult open(ByteBuffer frame) {
            return opener.open(frame);
        }
    }
}
