package org.bftee.core.crypto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bftee.core.message.Bytes;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.SealedSessionKey;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Builds the NEW-KEY messages of one principal: fresh session keys, each sealed for its receiver
 * under a key agreed with a fresh ephemeral X25519 key, the whole signed with the principal's
 * Ed25519 key (format in {@link NewKeyFormat}). Not thread-safe: its random source belongs to the
 * owning thread.
 *
 * <p>The caller chooses the session keys (usually {@link SessionKey#generate}), installs each as its
 * in-key for that receiver with {@link SessionKeys#installInKey} under the same counter, and sends
 * the message.
 */
public final class NewKeySealer {

    /** One receiver of a NEW-KEY: who it is, its public keys and the session key chosen for it. */
    public record Recipient(int receiver, PublicIdentity identity, SessionKey sessionKey) {
        public Recipient {
            if (receiver < 0 || identity == null || sessionKey == null) {
                throw new IllegalArgumentException("recipient " + receiver + " needs an identity and a session key");
            }
        }
    }

    private final int groupId;
    private final int self;
    private final PrincipalKeys keys;
    private final RandomSource random;

    public NewKeySealer(int groupId, int self, PrincipalKeys keys, RandomSource random) {
        if (self < 0 || keys == null || random == null) {
            throw new IllegalArgumentException("a sealer needs a non-negative id, keys and a random source");
        }
        this.groupId = groupId;
        this.self = self;
        this.keys = keys;
        this.random = random;
    }

    /**
     * The NEW-KEY carrying each recipient's session key, with {@code counter}, which must be larger
     * than every counter this principal used before (receivers refuse the others).
     *
     * @throws IllegalArgumentException if the counter is negative, a receiver appears twice or is
     *     this principal itself, or a receiver's X25519 key is a low-order point
     */
    public NewKey seal(long counter, List<Recipient> recipients) {
        if (counter < 0) {
            throw new IllegalArgumentException("NEW-KEY counter must not be negative, got " + counter);
        }
        checkReceivers(recipients);
        byte[] ephemeralPrivate = new byte[NewKeyFormat.EPHEMERAL_KEY_LENGTH];
        random.nextBytes(ephemeralPrivate);
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(ephemeralPrivate, 0);
        byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();

        List<SealedSessionKey> sealedKeys = new ArrayList<>(recipients.size());
        for (Recipient recipient : recipients) {
            byte[] sealed = sealFor(ephemeral, ephemeralPublic, counter, recipient);
            sealedKeys.add(new SealedSessionKey(recipient.receiver(), Bytes.wrap(sealed)));
        }

        byte[] signed = NewKeyFormat.signedBytes(groupId, self, counter, ephemeralPublic, sealedKeys);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, keys.signingParameters());
        signer.update(signed, 0, signed.length);
        byte[] signature = signer.generateSignature();
        return new NewKey(self, counter, Bytes.wrap(ephemeralPublic), sealedKeys, Bytes.wrap(signature));
    }

    private byte[] sealFor(X25519PrivateKeyParameters ephemeral, byte[] ephemeralPublic, long counter,
                           Recipient recipient) {
        byte[] shared = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
        try {
            ephemeral.generateSecret(recipient.identity().agreementParameters(), shared, 0);
        } catch (IllegalStateException e) {
            // Bouncy Castle refuses an all-zero shared secret, which only a low-order public key
            // produces: the configured identity is unusable.
            throw new IllegalArgumentException("receiver " + recipient.receiver()
                    + " has a low-order X25519 public key", e);
        }
        byte[] info = NewKeyFormat.kekInfo(groupId, self, recipient.receiver(), counter, ephemeralPublic,
                recipient.identity().agreementPublicKeyBytes());
        byte[] kek = NewKeyFormat.deriveKek(shared, info);
        ChaCha20Poly1305 aead = NewKeyFormat.aead(true, kek, info);
        byte[] sealed = new byte[NewKeyFormat.SEALED_KEY_LENGTH];
        int written = aead.processBytes(recipient.sessionKey().internalBytes(), 0, SessionKey.LENGTH, sealed, 0);
        try {
            aead.doFinal(sealed, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed to encrypt", e);
        }
        return sealed;
    }

    private void checkReceivers(List<Recipient> recipients) {
        Set<Integer> seen = new HashSet<>();
        for (Recipient recipient : recipients) {
            if (recipient.receiver() == self) {
                throw new IllegalArgumentException("principal " + self + " cannot send a session key to itself");
            }
            if (!seen.add(recipient.receiver())) {
                throw new IllegalArgumentException("receiver " + recipient.receiver() + " appears twice");
            }
        }
    }
}
