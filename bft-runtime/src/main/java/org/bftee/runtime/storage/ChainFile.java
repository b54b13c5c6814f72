package org.bftee.runtime.storage;

import java.util.Objects;
import java.util.regex.Pattern;
import org.bftee.core.crypto.Digest;

/**
 * One file of the chain as the manifest records it: which checkpoint it holds, and the length and SHA-256
 * it had when written, so that a file replaced or damaged since cannot pass for it.
 *
 * @param kind     a base image (the whole state) or a delta (the objects changed since the previous file)
 * @param sequence the checkpoint's sequence number, which also names the file
 * @param digest   the checkpoint's state digest
 * @param length   the file's size in bytes
 * @param sha256   the SHA-256 of the file's content before its trailer
 */
record ChainFile(Kind kind, long sequence, Digest digest, long length, Digest sha256) {

    /** Bytes one entry takes in the manifest: sequence, digest, length, SHA-256. */
    static final int MANIFEST_ENTRY_BYTES = Long.BYTES + Digest.LENGTH + Long.BYTES + Digest.LENGTH;

    /** The names of chain files; nothing else in the directory is ever deleted as an orphan. */
    static final Pattern NAME = Pattern.compile("(base|delta)-[0-9]{20}\\.ckpt");

    /** What a file holds; the tag is the kind byte in the file's header. */
    enum Kind {
        BASE("base", 1),
        DELTA("delta", 2);

        final String prefix;
        final int tag;

        Kind(String prefix, int tag) {
            this.prefix = prefix;
            this.tag = tag;
        }
    }

    ChainFile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** {@code delta-00000000000000000128.ckpt}: zero-padded so that names sort by sequence number. */
    String fileName() {
        return fileName(kind, sequence);
    }

    static String fileName(Kind kind, long sequence) {
        return String.format("%s-%020d.ckpt", kind.prefix, sequence);
    }
}
