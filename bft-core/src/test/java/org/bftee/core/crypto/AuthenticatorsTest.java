package org.bftee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Four replicas whose session keys are set up the way NEW-KEY messages would set them: each replica
 * chooses its in-keys and every peer installs them as its out-keys for that replica.
 */
class AuthenticatorsTest {

    private static final int N = 4;

    private final DeterministicRandom random = new DeterministicRandom(42);
    private SessionKeys[] keys;
    private Authenticators[] authenticators;
    private final Digest digest = DigestAlgorithm.SHA_256.newDigester()
            .digest("PRE-PREPARE v=0 s=1".getBytes(StandardCharsets.US_ASCII));

    @BeforeEach
    void setUp() {
        setUp(MacSettings.DEFAULT);
    }

    private void setUp(MacSettings settings) {
        keys = new SessionKeys[N];
        authenticators = new Authenticators[N];
        for (int i = 0; i < N; i++) {
            keys[i] = new SessionKeys(i, settings, 16);
            authenticators[i] = new Authenticators(keys[i]);
        }
        for (int i = 0; i < N; i++) {
            refresh(i, 1);
        }
    }

    /** Replica {@code i} chooses fresh in-keys with {@code counter}, and every peer receives them. */
    private void refresh(int i, long counter) {
        for (int j = 0; j < N; j++) {
            if (j != i) {
                SessionKey key = SessionKey.generate(random);
                assertEquals(KeyInstall.INSTALLED, keys[i].installInKey(j, key, counter));
                assertEquals(KeyInstall.INSTALLED, keys[j].installOutKey(i, key, counter));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MacAlgorithm.class)
    void everyReceiverAcceptsItsEntryOfAMulticast(MacAlgorithm algorithm) {
        setUp(MacSettings.of(algorithm));
        Authenticator authenticator = authenticators[0].multicast(digest, N);
        assertEquals(N, authenticator.count());
        assertArrayEquals(new byte[algorithm.tagLengthDefault()], authenticator.tag(0), "own slot zero-filled");
        for (int j = 1; j < N; j++) {
            assertEquals(Verification.OK, authenticators[j].verifyMulticast(0, digest, authenticator, N));
        }
    }

    @ParameterizedTest
    @EnumSource(MacAlgorithm.class)
    void pointToPointMacIsAcceptedOnlyByItsReceiver(MacAlgorithm algorithm) {
        setUp(MacSettings.of(algorithm));
        Authenticator mac = authenticators[2].pointToPoint(digest, 3);
        assertEquals(1, mac.count());
        assertEquals(Verification.OK, authenticators[3].verifyPointToPoint(2, digest, mac));
        assertEquals(Verification.FORGED, authenticators[1].verifyPointToPoint(2, digest, mac));
    }

    @Test
    void clientMulticastHasNoZeroSlot() {
        int client = 100;
        SessionKeys clientKeys = new SessionKeys(client, MacSettings.DEFAULT, 16);
        for (int j = 0; j < N; j++) {
            SessionKey key = SessionKey.generate(random);
            keys[j].installInKey(client, key, 7);
            clientKeys.installOutKey(j, key, 7);
        }
        Authenticator authenticator = new Authenticators(clientKeys).multicast(digest, N);
        for (int j = 0; j < N; j++) {
            assertEquals(Verification.OK, authenticators[j].verifyMulticast(client, digest, authenticator, N));
        }
    }

    @Test
    void entryForAnotherReceiverOrMessageIsForged() {
        Authenticator authenticator = authenticators[0].multicast(digest, N);
        // Replica 1 reads entry 1; give it replica 2's entry in slot 1.
        byte[] tags = new byte[authenticator.size()];
        for (int i = 0; i < N; i++) {
            System.arraycopy(authenticator.tag(i == 1 ? 2 : i), 0, tags, i * authenticator.tagLength(), authenticator.tagLength());
        }
        assertEquals(Verification.FORGED, authenticators[1].verifyMulticast(0,
                digest, Authenticator.wrap(tags, authenticator.tagLength()), N));
        assertEquals(Verification.FORGED, authenticators[1].verifyMulticast(0, Digest.ZERO, authenticator, N));
        assertEquals(Verification.FORGED, authenticators[1].verifyMulticast(3, digest, authenticator, N),
                "valid for sender 0, claimed by sender 3");
    }

    @Test
    void flippingAnyByteOfTheOwnEntryIsDetected() {
        Authenticator authenticator = authenticators[0].multicast(digest, N);
        int tagLength = authenticator.tagLength();
        byte[] original = new byte[authenticator.size()];
        for (int i = 0; i < N; i++) {
            System.arraycopy(authenticator.tag(i), 0, original, i * tagLength, tagLength);
        }
        for (int index = 0; index < original.length; index++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = original.clone();
                tampered[index] ^= (byte) (1 << bit);
                Verification expected = index / tagLength == 2 ? Verification.FORGED : Verification.OK;
                assertEquals(expected, authenticators[2].verifyMulticast(0, digest,
                        Authenticator.wrap(tampered, tagLength), N), "byte " + index + " bit " + bit);
            }
        }
    }

    @Test
    void flippingAnyByteOfTheDigestIsDetected() {
        Authenticator mac = authenticators[1].pointToPoint(digest, 0);
        byte[] bytes = digest.toByteArray();
        for (int index = 0; index < bytes.length; index++) {
            byte[] tampered = bytes.clone();
            tampered[index] ^= 0x01;
            assertEquals(Verification.FORGED, authenticators[0].verifyPointToPoint(1, Digest.of(tampered), mac));
        }
    }

    @Test
    void wrongKeyIsForged() {
        SessionKeys outsider = new SessionKeys(1, MacSettings.DEFAULT, 16);
        outsider.installOutKey(0, SessionKey.generate(random), 1);
        Authenticator mac = new Authenticators(outsider).pointToPoint(digest, 0);
        assertEquals(Verification.FORGED, authenticators[0].verifyPointToPoint(1, digest, mac));
    }

    @Test
    void tagUnderTheRetiredInKeyIsStaleAndNeverAccepted() {
        Authenticator beforeRefresh = authenticators[1].pointToPoint(digest, 0);
        // Replica 0 refreshes its in-key for 1, but replica 1 has not received the NEW-KEY yet.
        keys[0].installInKey(1, SessionKey.generate(random), 2);
        assertEquals(Verification.STALE_KEY, authenticators[0].verifyPointToPoint(1, digest, beforeRefresh));
        assertEquals(Verification.STALE_KEY, authenticators[0].verifyPointToPoint(1, digest,
                authenticators[1].pointToPoint(digest, 0)));
        // A second refresh forgets the first key altogether.
        keys[0].installInKey(1, SessionKey.generate(random), 3);
        assertEquals(Verification.FORGED, authenticators[0].verifyPointToPoint(1, digest, beforeRefresh));
    }

    @Test
    void afterRefreshNewTagsVerifyAndOldOnesAreStale() {
        Authenticator old = authenticators[3].multicast(digest, N);
        refresh(0, 2);
        assertEquals(Verification.STALE_KEY, authenticators[0].verifyMulticast(3, digest, old, N));
        assertEquals(Verification.OK, authenticators[0].verifyMulticast(3, digest, authenticators[3].multicast(digest, N), N));
        assertEquals(2, keys[3].outKeyEpoch(0));
        assertEquals(2, keys[0].inKeyEpoch(3));
    }

    @Test
    void installingANotNewerEpochIsRefused() {
        SessionKey key = SessionKey.generate(random);
        assertEquals(KeyInstall.OLD_EPOCH, keys[0].installInKey(1, key, 1), "same counter");
        assertEquals(KeyInstall.OLD_EPOCH, keys[0].installInKey(1, key, 0), "older counter");
        assertEquals(KeyInstall.OLD_EPOCH, keys[0].installOutKey(1, key, 1));
        assertEquals(KeyInstall.OLD_EPOCH, keys[0].installOutKey(1, key, -5));
        assertEquals(Verification.OK, authenticators[0].verifyPointToPoint(1, digest,
                authenticators[1].pointToPoint(digest, 0)), "the refused key changed nothing");
        assertEquals(KeyInstall.INSTALLED, keys[0].installOutKey(1, key, 2));
    }

    @Test
    void unknownSenderOrMissingKeyIsNoKey() {
        Authenticator mac = authenticators[1].pointToPoint(digest, 0);
        assertEquals(Verification.NO_KEY, authenticators[0].verifyPointToPoint(99, digest, mac));
        assertEquals(Verification.NO_KEY, authenticators[0].verifyPointToPoint(-1, digest, mac));
        assertEquals(Verification.NO_KEY, authenticators[0].verifyPointToPoint(0, digest, mac), "from myself");
    }

    @Test
    void missingOutKeyGivesZeroSlotThatTheReceiverRejects() {
        SessionKeys fresh = new SessionKeys(1, MacSettings.DEFAULT, 16);
        Authenticator authenticator = new Authenticators(fresh).multicast(digest, N);
        assertArrayEquals(new byte[authenticator.tagLength()], authenticator.tag(0));
        assertEquals(Verification.FORGED, authenticators[0].verifyMulticast(1, digest, authenticator, N));
    }

    @Test
    void wrongCountOrTagLengthIsMalformed() {
        Authenticator authenticator = authenticators[0].multicast(digest, N);
        assertEquals(Verification.MALFORMED, authenticators[1].verifyMulticast(0, digest, authenticator, N + 3));
        assertEquals(Verification.MALFORMED, authenticators[1].verifyPointToPoint(0, digest, authenticator));
        int otherTagLength = MacSettings.DEFAULT.tagLength() == 8 ? 16 : 8;
        Authenticator otherTags = Authenticator.wrap(new byte[otherTagLength * N], otherTagLength);
        assertEquals(Verification.MALFORMED, authenticators[1].verifyMulticast(0, digest, otherTags, N));
        Authenticator tooFew = Authenticator.wrap(new byte[MacSettings.DEFAULT.tagLength()], MacSettings.DEFAULT.tagLength());
        assertEquals(Verification.MALFORMED, authenticators[3].verifyMulticast(0, digest, tooFew, 1),
                "replica 3 has no entry in a one-entry multicast");
    }

    @Test
    void discardingKeysKeepsEpochs() {
        keys[0].discardKeys();
        assertFalse(keys[0].hasInKey(1));
        assertFalse(keys[0].hasOutKey(1));
        assertEquals(Verification.NO_KEY, authenticators[0].verifyPointToPoint(1, digest,
                authenticators[1].pointToPoint(digest, 0)));
        assertEquals(KeyInstall.OLD_EPOCH, keys[0].installOutKey(1, SessionKey.generate(random), 1),
                "a NEW-KEY replayed after recovery");
        assertEquals(1, keys[0].outKeyEpoch(1));
        assertEquals(KeyInstall.INSTALLED, keys[0].installOutKey(1, SessionKey.generate(random), 2));
        assertTrue(keys[0].hasOutKey(1));
    }

    @Test
    void peerTableHasALimit() {
        SessionKeys small = new SessionKeys(0, MacSettings.DEFAULT, 2);
        assertEquals(KeyInstall.INSTALLED, small.installInKey(1, SessionKey.generate(random), 1));
        assertEquals(KeyInstall.INSTALLED, small.installOutKey(2, SessionKey.generate(random), 1));
        assertEquals(KeyInstall.TOO_MANY_PEERS, small.installInKey(3, SessionKey.generate(random), 1));
        assertEquals(KeyInstall.INSTALLED, small.installOutKey(1, SessionKey.generate(random), 1));
    }

    @Test
    void noKeyWithOneself() {
        assertThrows(IllegalArgumentException.class, () -> keys[0].installInKey(0, SessionKey.generate(random), 5));
    }
}
