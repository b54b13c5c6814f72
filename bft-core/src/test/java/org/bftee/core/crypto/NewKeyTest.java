package org.bftee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bftee.core.crypto.NewKeyOpening.Status;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.SealedSessionKey;
import org.junit.jupiter.api.Test;

/** Replica 0 of group 7 refreshes the keys of replicas 1..3 (n = 4). */
class NewKeyTest {

    private static final int GROUP = 7;
    private static final int N = 4;

    private final DeterministicRandom random = new DeterministicRandom(2024);
    private final PrincipalKeys[] principals = new PrincipalKeys[N];
    private final SessionKey[] chosen = new SessionKey[N];
    private final NewKeySealer sealer;

    NewKeyTest() {
        for (int i = 0; i < N; i++) {
            principals[i] = PrincipalKeys.generate(random);
        }
        sealer = new NewKeySealer(GROUP, 0, principals[0], random);
    }

    private NewKey seal(long counter) {
        List<NewKeySealer.Recipient> recipients = new ArrayList<>();
        for (int j = 1; j < N; j++) {
            chosen[j] = SessionKey.generate(random);
            recipients.add(new NewKeySealer.Recipient(j, principals[j].publicIdentity(), chosen[j]));
        }
        return sealer.seal(counter, recipients);
    }

    private NewKeyOpening open(int receiver, NewKey message, long lastCounter) {
        return new NewKeyOpener(GROUP, receiver, principals[receiver])
                .open(message, principals[0].publicIdentity(), lastCounter);
    }

    @Test
    void everyReceiverOpensItsOwnKey() {
        NewKey message = seal(5);
        assertEquals(0, message.replica());
        assertEquals(5, message.counter());
        assertEquals(N - 1, message.sealedKeys().size());
        for (int j = 1; j < N; j++) {
            NewKeyOpening opening = open(j, message, SessionKeys.EPOCH_NONE);
            assertEquals(Status.OPENED, opening.status());
            assertEquals(chosen[j], opening.sessionKey());
            assertEquals(5, opening.counter());
        }
        assertNotEquals(chosen[1], chosen[2]);
    }

    @Test
    void openedKeysAuthenticateBothWays() {
        NewKey message = seal(1);
        SessionKeys replica0 = new SessionKeys(0, MacSettings.DEFAULT, 8);
        SessionKeys replica2 = new SessionKeys(2, MacSettings.DEFAULT, 8);
        replica0.installInKey(2, chosen[2], 1);
        NewKeyOpening opening = open(2, message, replica2.outKeyEpoch(0));
        assertEquals(KeyInstall.INSTALLED, replica2.installOutKey(0, opening.sessionKey(), opening.counter()));
        Digest digest = DigestAlgorithm.SHA_256.newDigester().digest(new byte[] {1, 2, 3});
        Authenticator mac = new Authenticators(replica2).pointToPoint(digest, 0);
        assertEquals(Verification.OK, new Authenticators(replica0).verifyPointToPoint(2, digest, mac));
    }

    @Test
    void replayedOrOlderCounterIsRefused() {
        NewKey message = seal(5);
        assertEquals(Status.OLD_COUNTER, open(1, message, 5).status(), "same counter: a replay");
        assertEquals(Status.OLD_COUNTER, open(1, message, 9).status());
        assertEquals(Status.OPENED, open(1, message, 4).status());
    }

    @Test
    void forgedSignatureIsRefused() {
        NewKey message = seal(3);
        for (int index = 0; index < NewKeyFormat.SIGNATURE_LENGTH; index++) {
            byte[] signature = message.signature().toByteArray();
            signature[index] ^= 0x01;
            NewKey forged = new NewKey(0, 3, message.ephemeralPublicKey(), message.sealedKeys(), Bytes.wrap(signature));
            assertEquals(Status.BAD_SIGNATURE, open(1, forged, SessionKeys.EPOCH_NONE).status(), "byte " + index);
        }
    }

    @Test
    void messageSignedByAnotherPrincipalIsRefused() {
        NewKey message = seal(3);
        NewKeyOpening opening = new NewKeyOpener(GROUP, 1, principals[1])
                .open(message, principals[3].publicIdentity(), SessionKeys.EPOCH_NONE);
        assertEquals(Status.BAD_SIGNATURE, opening.status());
        NewKey claimedBy3 = new NewKey(3, 3, message.ephemeralPublicKey(), message.sealedKeys(), message.signature());
        assertEquals(Status.BAD_SIGNATURE, open(1, claimedBy3, SessionKeys.EPOCH_NONE).status());
    }

    @Test
    void newKeyForAnotherGroupIsRefused() {
        NewKey message = seal(3);
        NewKeyOpening opening = new NewKeyOpener(GROUP + 1, 1, principals[1])
                .open(message, principals[0].publicIdentity(), SessionKeys.EPOCH_NONE);
        assertEquals(Status.BAD_SIGNATURE, opening.status());
    }

    @Test
    void changedCounterBreaksTheSignature() {
        NewKey message = seal(3);
        NewKey bumped = new NewKey(0, 4, message.ephemeralPublicKey(), message.sealedKeys(), message.signature());
        assertEquals(Status.BAD_SIGNATURE, open(1, bumped, 3).status());
    }

    @Test
    void tamperedEntryIsRefusedByteForByte() {
        NewKey message = seal(3);
        for (int index = 0; index < NewKeyFormat.SEALED_KEY_LENGTH; index++) {
            List<SealedSessionKey> entries = new ArrayList<>(message.sealedKeys());
            byte[] sealed = entries.get(0).sealedKey().toByteArray();
            sealed[index] ^= 0x40;
            entries.set(0, new SealedSessionKey(1, Bytes.wrap(sealed)));
            NewKey tampered = new NewKey(0, 3, message.ephemeralPublicKey(), entries, message.signature());
            assertEquals(Status.BAD_SIGNATURE, open(1, tampered, SessionKeys.EPOCH_NONE).status(), "byte " + index);
        }
    }

    @Test
    void tamperedEntryThatTheSenderSignedFailsDecryption() {
        // A faulty sender can sign garbage; the AEAD still refuses it.
        NewKey message = seal(3);
        List<SealedSessionKey> entries = new ArrayList<>(message.sealedKeys());
        byte[] sealed = entries.get(0).sealedKey().toByteArray();
        sealed[7] ^= 0x01;
        entries.set(0, new SealedSessionKey(1, Bytes.wrap(sealed)));
        assertEquals(Status.DECRYPTION_FAILED, open(1, resign(message, entries, 0), SessionKeys.EPOCH_NONE).status());
    }

    @Test
    void entryMovedToAnotherReceiverFailsDecryption() {
        // Replica 0 (faulty) hands replica 2 the key sealed for replica 1, properly signed.
        NewKey message = seal(3);
        List<SealedSessionKey> entries = new ArrayList<>(message.sealedKeys());
        entries.set(1, new SealedSessionKey(2, entries.get(0).sealedKey()));
        assertEquals(Status.DECRYPTION_FAILED, open(2, resign(message, entries, 0), SessionKeys.EPOCH_NONE).status());
    }

    @Test
    void messageWithoutMyEntryIsNotForMe() {
        NewKey message = seal(3);
        assertEquals(Status.NOT_FOR_ME, new NewKeyOpener(GROUP, 9, PrincipalKeys.generate(random))
                .open(message, principals[0].publicIdentity(), SessionKeys.EPOCH_NONE).status());
    }

    @Test
    void wrongLengthsAndDuplicateEntriesAreMalformed() {
        NewKey message = seal(3);
        NewKey shortSignature = new NewKey(0, 3, message.ephemeralPublicKey(), message.sealedKeys(), Bytes.of(new byte[63]));
        NewKey emptySignature = new NewKey(0, 3, message.ephemeralPublicKey(), message.sealedKeys(), Bytes.EMPTY);
        NewKey longEphemeral = new NewKey(0, 3, Bytes.of(new byte[33]), message.sealedKeys(), message.signature());
        List<SealedSessionKey> shortEntry = new ArrayList<>(message.sealedKeys());
        shortEntry.set(2, new SealedSessionKey(3, Bytes.of(new byte[47])));
        List<SealedSessionKey> twice = new ArrayList<>(message.sealedKeys());
        twice.add(message.sealedKeys().get(0));
        for (NewKey malformed : List.of(shortSignature, emptySignature, longEphemeral,
                new NewKey(0, 3, message.ephemeralPublicKey(), shortEntry, message.signature()),
                new NewKey(0, 3, message.ephemeralPublicKey(), twice, message.signature()))) {
            assertEquals(Status.MALFORMED, open(1, malformed, SessionKeys.EPOCH_NONE).status());
        }
    }

    @Test
    void lowOrderEphemeralKeyIsMalformed() {
        NewKey message = seal(3);
        NewKey lowOrder = new NewKey(0, 3, Bytes.of(new byte[32]), message.sealedKeys(), message.signature());
        assertEquals(Status.MALFORMED, open(1, resign(lowOrder, lowOrder.sealedKeys(), 0), SessionKeys.EPOCH_NONE).status());
    }

    @Test
    void refusedOpeningHasNoKey() {
        NewKeyOpening opening = open(1, seal(3), 3);
        assertThrows(IllegalStateException.class, opening::sessionKey);
    }

    @Test
    void fewerRecipientsAndEmptyNewKeyAreAllowed() {
        SessionKey key = SessionKey.generate(random);
        NewKey single = sealer.seal(1, List.of(new NewKeySealer.Recipient(3, principals[3].publicIdentity(), key)));
        assertEquals(key, open(3, single, SessionKeys.EPOCH_NONE).sessionKey());
        assertEquals(Status.NOT_FOR_ME, open(1, single, SessionKeys.EPOCH_NONE).status());
        assertEquals(Status.NOT_FOR_ME, open(1, sealer.seal(2, List.of()), SessionKeys.EPOCH_NONE).status());
    }

    @Test
    void sealerRefusesProgrammerErrors() {
        SessionKey key = SessionKey.generate(random);
        NewKeySealer.Recipient one = new NewKeySealer.Recipient(1, principals[1].publicIdentity(), key);
        NewKeySealer.Recipient self = new NewKeySealer.Recipient(0, principals[0].publicIdentity(), key);
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(1, List.of(one, one)));
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(1, List.of(self)));
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(-1, List.of(one)));
    }

    @Test
    void sealingIsDeterministicGivenTheRandomSource() {
        PrincipalKeys sender = PrincipalKeys.generate(new DeterministicRandom(5));
        PublicIdentity receiver = PrincipalKeys.generate(new DeterministicRandom(6)).publicIdentity();
        SessionKey key = SessionKey.generate(new DeterministicRandom(7));
        List<NewKeySealer.Recipient> recipients = List.of(new NewKeySealer.Recipient(1, receiver, key));
        NewKey first = new NewKeySealer(GROUP, 0, sender, new DeterministicRandom(8)).seal(1, recipients);
        NewKey second = new NewKeySealer(GROUP, 0, sender, new DeterministicRandom(8)).seal(1, recipients);
        assertEquals(first, second);
        NewKey third = new NewKeySealer(GROUP, 0, sender, new DeterministicRandom(9)).seal(1, recipients);
        assertTrue(!first.ephemeralPublicKey().equals(third.ephemeralPublicKey()));
    }

    /** The message with {@code entries}, signed as a faulty sender would sign anything. */
    private NewKey resign(NewKey message, List<SealedSessionKey> entries, int sender) {
        byte[] ephemeral = message.ephemeralPublicKey().toByteArray();
        byte[] signed = NewKeyFormat.signedBytes(GROUP, sender, message.counter(), ephemeral, entries);
        org.bouncycastle.crypto.signers.Ed25519Signer signer = new org.bouncycastle.crypto.signers.Ed25519Signer();
        signer.init(true, principals[sender].signingParameters());
        signer.update(signed, 0, signed.length);
        return new NewKey(sender, message.counter(), message.ephemeralPublicKey(), entries,
                Bytes.wrap(signer.generateSignature()));
    }
}
