package org.bftee.runtime.storage;

import org.bftee.core.crypto.Digest;

/**
 * A file as written: its length and the SHA-256 of everything before its trailer, which is also what the
 * trailer holds.
 */
record WrittenFile(long length, Digest sha256) {
}
