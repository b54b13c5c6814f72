package org.bftee.runtime.storage;

import java.io.IOException;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;

/**
 * Writes one base image or delta in the {@link CheckpointFileFormat}: the header when created, then the
 * records in ascending index order, then the end. The trailer is written by {@link ChecksummedOutput#finish()}.
 */
final class CheckpointFileWriter {

    private final ChecksummedOutput out;
    private int recordCount;
    private int previousIndex = -1;

    CheckpointFileWriter(ChecksummedOutput out, ChainFile.Kind kind, int objectCount, long sequence,
            long previousSequence, Digest digest) throws IOException {
        this.out = out;
        out.writeLong(CheckpointFileFormat.MAGIC);
        out.writeInt(CheckpointFileFormat.VERSION);
        out.writeByte(kind.tag);
        out.writeInt(objectCount);
        out.writeLong(sequence);
        out.writeLong(previousSequence);
        out.writeDigest(digest);
    }

    void write(int index, Bytes value) throws IOException {
        if (index <= previousIndex) {
            // The storage sorts the records itself: an unsorted one here is its own bug.
            throw new IllegalStateException("record " + index + " written after record " + previousIndex);
        }
        out.writeInt(index);
        out.writeInt(value.length());
        out.writeBytes(value);
        previousIndex = index;
        recordCount++;
    }

    void end() throws IOException {
        out.writeInt(CheckpointFileFormat.END_OF_RECORDS);
        out.writeInt(recordCount);
    }
}
