package org.bftee.core.crypto;

import org.bftee.core.crypto.NewKeyOpening.Status;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.SealedSessionKey;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks the NEW-KEY messages that reach one principal and opens the session key sealed for it
 * (format in {@link NewKeyFormat}). Never throws on peer input: each refusal has a
 * {@link NewKeyOpening.Status}.
 *
 * <p>Cheap checks run first (lengths, counter, presence of my entry) so that replays and junk cost
 * no signature verification. The group id is not in the message: a NEW-KEY from another group fails
 * as {@link Status#BAD_SIGNATURE}, since the signature covers the group id.
 */
public final class NewKeyOpener {

    private final int groupId;
    private final int self;
    private final PrincipalKeys keys;
    private final byte[] selfAgreementPublicKey;

    public NewKeyOpener(int groupId, int self, PrincipalKeys keys) {
        if (keys == null) {
            throw new IllegalArgumentException("an opener needs the principal's keys");
        }
        this.groupId = groupId;
        this.self = self;
        this.keys = keys;
        this.selfAgreementPublicKey = keys.publicIdentity().agreementPublicKeyBytes();
    }

    /**
     * Opens {@code message}, claimed by {@code message.replica()}, whose public keys are
     * {@code sender}; {@code lastCounter} is the counter of the last NEW-KEY accepted from it
     * ({@link SessionKeys#outKeyEpoch}, or {@link SessionKeys#EPOCH_NONE}).
     */
    public NewKeyOpening open(NewKey message, PublicIdentity sender, long lastCounter) {
        long counter = message.counter();
        if (!wellFormed(message)) {
            return NewKeyOpening.rejected(Status.MALFORMED, counter);
        }
        if (counter <= lastCounter) {
            return NewKeyOpening.rejected(Status.OLD_COUNTER, counter);
        }
        SealedSessionKey mine = entryForMe(message);
        if (mine == null) {
            return NewKeyOpening.rejected(Status.NOT_FOR_ME, counter);
        }
        byte[] ephemeralPublic = message.ephemeralPublicKey().toByteArray();
        if (!signatureValid(message, ephemeralPublic, sender)) {
            return NewKeyOpening.rejected(Status.BAD_SIGNATURE, counter);
        }
        byte[] shared = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
        try {
            keys.agreementParameters().generateSecret(new X25519PublicKeyParameters(ephemeralPublic, 0), shared, 0);
        } catch (IllegalStateException e) {
            // An all-zero shared secret: the sender chose a low-order ephemeral key.
            return NewKeyOpening.rejected(Status.MALFORMED, counter);
        }
        return decrypt(message.replica(), counter, ephemeralPublic, shared, mine.sealedKey());
    }

    private boolean wellFormed(NewKey message) {
        if (message.ephemeralPublicKey().length() != NewKeyFormat.EPHEMERAL_KEY_LENGTH
                || message.signature().length() != NewKeyFormat.SIGNATURE_LENGTH) {
            return false;
        }
        int entriesForMe = 0;
        for (SealedSessionKey entry : message.sealedKeys()) {
            if (entry.sealedKey().length() != NewKeyFormat.SEALED_KEY_LENGTH) {
                return false;
            }
            if (entry.receiver() == self) {
                entriesForMe++;
            }
        }
        return entriesForMe <= 1;
    }

    private SealedSessionKey entryForMe(NewKey message) {
        for (SealedSessionKey entry : message.sealedKeys()) {
            if (entry.receiver() == self) {
                return entry;
            }
        }
        return null;
    }

    private boolean signatureValid(NewKey message, byte[] ephemeralPublic, PublicIdentity sender) {
        byte[] signed = NewKeyFormat.signedBytes(groupId, message.replica(), message.counter(), ephemeralPublic,
                message.sealedKeys());
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, sender.signingParameters());
        verifier.update(signed, 0, signed.length);
        return verifier.verifySignature(message.signature().toByteArray());
    }

    private NewKeyOpening decrypt(int sender, long counter, byte[] ephemeralPublic, byte[] shared, Bytes sealed) {
        byte[] info = NewKeyFormat.kekInfo(groupId, sender, self, counter, ephemeralPublic, selfAgreementPublicKey);
        ChaCha20Poly1305 aead = NewKeyFormat.aead(false, NewKeyFormat.deriveKek(shared, info), info);
        byte[] input = sealed.toByteArray();
        byte[] plain = new byte[SessionKey.LENGTH];
        try {
            int written = aead.processBytes(input, 0, input.length, plain, 0);
            aead.doFinal(plain, written);
        } catch (InvalidCipherTextException e) {
            return NewKeyOpening.rejected(Status.DECRYPTION_FAILED, counter);
        }
        return NewKeyOpening.opened(SessionKey.wrap(plain), counter);
    }
}
