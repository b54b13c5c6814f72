package org.bftee.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bftee.core.message.SealedSessionKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * What the sealer and the opener of NEW-KEY messages must agree on, byte for byte: the encoding that
 * is signed, the key derivation and the AEAD. Defined here, independently of the wire codec, so that
 * a change of wire format can never change what a signature covers.
 *
 * <p>For receiver {@code j} of a NEW-KEY from {@code i} with counter {@code c} in group {@code g}:
 * <pre>
 *   shared = X25519(ephemeral private, j's static X25519 public)
 *   kek    = HKDF-SHA256(ikm = shared, salt = none,
 *                        info = KEK_DOMAIN || g || i || j || c || ephemeral public || j's static public)
 *   sealed = ChaCha20-Poly1305(kek, nonce = 0^96, aad = info, session key)     (32 + 16 bytes)
 * </pre>
 * The all-zero nonce is safe because every key-encryption key encrypts exactly one message: it is
 * derived from a fresh ephemeral key and names its receiver. The signature is Ed25519 over
 * {@link #signedBytes}: SIGNATURE_DOMAIN || g || i || c || len || ephemeral public || count ||
 * (j || len || sealed)*, integers big-endian, entries in message order.
 */
final class NewKeyFormat {

    static final int EPHEMERAL_KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;
    static final int AEAD_TAG_LENGTH = 16;
    static final int SEALED_KEY_LENGTH = SessionKey.LENGTH + AEAD_TAG_LENGTH;
    static final int KEK_LENGTH = 32;

    /** Versioned, so that a later format can never be confused with this one. */
    private static final byte[] SIGNATURE_DOMAIN = "BFT-EE NEW-KEY signature v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEK_DOMAIN = "BFT-EE NEW-KEY key encryption v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE = new byte[12];

    private NewKeyFormat() {
    }

    /** The bytes the sender signs; every length has been checked against its constant by the caller. */
    static byte[] signedBytes(int groupId, int sender, long counter, byte[] ephemeralPublicKey,
                              List<SealedSessionKey> sealedKeys) {
        int size = SIGNATURE_DOMAIN.length + 4 + 4 + 8 + 4 + ephemeralPublicKey.length + 4;
        for (SealedSessionKey entry : sealedKeys) {
            size += 4 + 4 + entry.sealedKey().length();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(SIGNATURE_DOMAIN).putInt(groupId).putInt(sender).putLong(counter);
        buffer.putInt(ephemeralPublicKey.length).put(ephemeralPublicKey);
        buffer.putInt(sealedKeys.size());
        for (SealedSessionKey entry : sealedKeys) {
            buffer.putInt(entry.receiver()).putInt(entry.sealedKey().length());
            entry.sealedKey().writeTo(buffer);
        }
        return buffer.array();
    }

    /** The HKDF info, also the AEAD's associated data, binding the sealed key to its context. */
    static byte[] kekInfo(int groupId, int sender, int receiver, long counter, byte[] ephemeralPublicKey,
                          byte[] receiverAgreementPublicKey) {
        return ByteBuffer.allocate(KEK_DOMAIN.length + 4 + 4 + 4 + 8 + 2 * EPHEMERAL_KEY_LENGTH)
                .put(KEK_DOMAIN).putInt(groupId).putInt(sender).putInt(receiver).putLong(counter)
                .put(ephemeralPublicKey).put(receiverAgreementPublicKey)
                .array();
    }

    static byte[] deriveKek(byte[] sharedSecret, byte[] info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(sharedSecret, null, info));
        byte[] kek = new byte[KEK_LENGTH];
        hkdf.generateBytes(kek, 0, KEK_LENGTH);
        return kek;
    }

    /** A ChaCha20-Poly1305 instance keyed with {@code kek}, to seal ({@code true}) or open. */
    static ChaCha20Poly1305 aead(boolean seal, byte[] kek, byte[] info) {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(seal, new AEADParameters(new KeyParameter(kek), AEAD_TAG_LENGTH * 8, NONCE, info));
        return aead;
    }
}
