package org.bftee.core.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 through the JDK, truncated to the configured tag length. Not thread-safe. */
final class HmacSha256KeyedMac implements KeyedMac {

    private static final int FULL_TAG_LENGTH = 32;

    private final Mac mac;
    private final int tagLength;
    /** Receives the full 32-byte tag before truncation, so computing a tag allocates nothing. */
    private final byte[] fullTag = new byte[FULL_TAG_LENGTH];

    HmacSha256KeyedMac(SessionKey key, int tagLength) {
        this.tagLength = tagLength;
        try {
            // The javax.crypto.Mac keeps its key after doFinal, so the key schedule runs once here.
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.internalBytes(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide HmacSHA256 and accept a 32-byte key.
            throw new IllegalStateException("the JDK cannot key HmacSHA256", e);
        }
    }

    @Override
    public MacAlgorithm algorithm() {
        return MacAlgorithm.HMAC_SHA256;
    }

    @Override
    public int tagLength() {
        return tagLength;
    }

    @Override
    public void computeInto(byte[] input, int inputOffset, int inputLength, byte[] target, int offset) {
        mac.update(input, inputOffset, inputLength);
        try {
            mac.doFinal(fullTag, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("a 32-byte buffer is too short for HmacSHA256", e);
        }
        System.arraycopy(fullTag, 0, target, offset, tagLength);
    }
}
