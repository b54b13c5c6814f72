package org.bftee.core.crypto;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 through the JDK's {@link MessageDigest}. Not thread-safe; see {@link Digester}. */
final class Sha256Digester implements Digester {

    private final MessageDigest messageDigest;

    Sha256Digester() {
        try {
            messageDigest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256, so this is a broken JDK, not bad input.
            throw new IllegalStateException("the JDK provides no SHA-256", e);
        }
    }

    @Override
    public DigestAlgorithm algorithm() {
        return DigestAlgorithm.SHA_256;
    }

    @Override
    public Digester update(byte[] data, int offset, int length) {
        messageDigest.update(data, offset, length);
        return this;
    }

    @Override
    public Digester update(ByteBuffer region) {
        // MessageDigest reads heap buffers in place and direct buffers through its own small
        // scratch array; it advances the position, which is put back for the caller.
        int position = region.position();
        messageDigest.update(region);
        region.position(position);
        return this;
    }

    @Override
    public Digest finish() {
        return Digest.wrap(messageDigest.digest());
    }

    @Override
    public void finishInto(byte[] target, int offset) {
        try {
            messageDigest.digest(target, offset, Digest.LENGTH);
        } catch (DigestException e) {
            throw new IllegalArgumentException("no room for a digest at " + offset + " in "
                    + target.length + " bytes", e);
        }
    }
}
