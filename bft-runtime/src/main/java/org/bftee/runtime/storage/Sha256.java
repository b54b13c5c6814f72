package org.bftee.runtime.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every file ends with; every Java platform is required to provide it. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest newDigester() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java platform lacks SHA-256, which it is required to provide", e);
        }
    }
}
