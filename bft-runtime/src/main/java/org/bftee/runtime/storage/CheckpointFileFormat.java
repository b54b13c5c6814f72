package org.bftee.runtime.storage;

import org.bftee.core.crypto.Digest;

/**
 * The format of base images and deltas, both big-endian:
 *
 * <pre>
 * magic             8 bytes   "BFTEECKP"
 * version           int       1
 * kind              byte      1 = base image (every non-empty object), 2 = delta (every changed object)
 * object count      int       objects in the state
 * sequence          long      the checkpoint's sequence number
 * previous          long      delta: the checkpoint it applies to, -1 for the empty initial state;
 *                             base image: -1
 * digest            32 bytes  the checkpoint's state digest
 * records, by ascending object index:
 *   index           int       0 &lt;= index &lt; object count
 *   length          int       0 &lt;= length &lt;= object-bytes-max; 0 (deltas only) means the object is now empty
 *   value           length bytes
 * end of records    int       -1
 * record count      int
 * trailer           32 bytes  SHA-256 of every byte above
 * </pre>
 *
 * A SHA-256 over the whole file rather than a CRC per record: a file is used only once all of it has been
 * read and its hash checked (and compared with the manifest's), so a per-record check would add nothing
 * but its cost; the bounds on every index and length are what protect the reader while it streams.
 */
final class CheckpointFileFormat {

    /** "BFTEECKP" in ASCII. */
    static final long MAGIC = 0x42465445_45434B50L;

    static final int VERSION = 1;

    /** The index that ends the records; no object has a negative index. */
    static final int END_OF_RECORDS = -1;

    /** Bytes before the first record. */
    static final int HEADER_BYTES = Long.BYTES + Integer.BYTES + Byte.BYTES + Integer.BYTES + Long.BYTES + Long.BYTES
            + Digest.LENGTH;

    private CheckpointFileFormat() {
    }
}
