package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Changes stored files the way a bug, a bad disk or an operator might. {@link #rewrite} also fixes the
 * file's trailer and its manifest entry, so that a test reaches the checks behind the checksums.
 */
final class Tamper {

    private Tamper() {
    }

    static void flipByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= (byte) 0x5a;
        Files.write(file, bytes);
    }

    /** Overwrites the int at {@code offset} without fixing any checksum. */
    static void putInt(Path file, int offset, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(offset, value);
        Files.write(file, bytes);
    }

    /**
     * Lets {@code change} edit the body of chain file {@code file} in place (same length), then rewrites its
     * trailer and the SHA-256 its manifest entry records, and the manifest's own trailer.
     */
    static void rewrite(Path file, Consumer<ByteBuffer> change) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int body = bytes.length - 32;
        byte[] oldHash = Arrays.copyOfRange(bytes, body, bytes.length);
        change.accept(ByteBuffer.wrap(bytes, 0, body));
        byte[] newHash = sha256(bytes, body);
        System.arraycopy(newHash, 0, bytes, body, 32);
        Files.write(file, bytes);

        Path manifest = file.resolveSibling(ManifestFile.NAME);
        byte[] entries = Files.readAllBytes(manifest);
        int at = indexOf(entries, oldHash);
        if (at < 0) {
            throw new IllegalStateException("the manifest does not list " + file);
        }
        System.arraycopy(newHash, 0, entries, at, 32);
        int manifestBody = entries.length - 32;
        System.arraycopy(sha256(entries, manifestBody), 0, entries, manifestBody, 32);
        Files.write(manifest, entries);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        MessageDigest digest = Sha256.newDigester();
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
