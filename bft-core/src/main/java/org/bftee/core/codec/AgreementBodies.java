package org.bftee.core.codec;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Prepare;

/**
 * Bodies of the agreement and checkpoint messages (big-endian):
 *
 * <pre>
 * PREPARE     view i64 | sequence i64 | batch digest 32 | replica i32 | unauthenticated bitmap
 * COMMIT      view i64 | sequence i64 | batch digest 32 | replica i32
 * CHECKPOINT  sequence i64 | state digest 32 | replica i32
 * </pre>
 *
 * A PREPARE's bitmap has size 0 (a full PREPARE) or one bit per batch entry, at most
 * {@link WireLimits#batchRequestsMax()}, with at least one bit set.
 */
final class AgreementBodies {

    private AgreementBodies() {
    }

    static void writePrepare(WireWriter writer, Prepare prepare) {
        writer.int64(prepare.view());
        writer.int64(prepare.sequence());
        writer.digest(prepare.batchDigest());
        writer.replica(prepare.replica(), "prepare replica");
        writer.bitmap(prepare.unauthenticated(), writer.limits().batchRequestsMax(), "prepare unauthenticated");
    }

    static Prepare readPrepare(WireReader reader) {
        long view = reader.nonNegativeLong("prepare view");
        long sequence = reader.nonNegativeLong("prepare sequence");
        Digest batchDigest = reader.digest("prepare batch digest");
        int replica = reader.replica("prepare replica");
        Bitmap unauthenticated = reader.bitmap("prepare unauthenticated", reader.limits().batchRequestsMax());
        if (!reader.failed() && unauthenticated.size() > 0 && unauthenticated.cardinality() == 0) {
            reader.fail(RejectReason.INVALID_FIELD, "partial prepare names no request");
        }
        return reader.failed() ? null : new Prepare(view, sequence, batchDigest, replica, unauthenticated);
    }

    static void writeCommit(WireWriter writer, Commit commit) {
        writer.int64(commit.view());
        writer.int64(commit.sequence());
        writer.digest(commit.batchDigest());
        writer.replica(commit.replica(), "commit replica");
    }

    static Commit readCommit(WireReader reader) {
        long view = reader.nonNegativeLong("commit view");
        long sequence = reader.nonNegativeLong("commit sequence");
        Digest batchDigest = reader.digest("commit batch digest");
        int replica = reader.replica("commit replica");
        return reader.failed() ? null : new Commit(view, sequence, batchDigest, replica);
    }

    static void writeCheckpoint(WireWriter writer, Checkpoint checkpoint) {
        writer.int64(checkpoint.sequence());
        writer.digest(checkpoint.stateDigest());
        writer.replica(checkpoint.replica(), "checkpoint replica");
    }

    static Checkpoint readCheckpoint(WireReader reader) {
        long sequence = reader.nonNegativeLong("checkpoint sequence");
        Digest stateDigest = reader.digest("checkpoint state digest");
        int replica = reader.replica("checkpoint replica");
        return reader.failed() ? null : new Checkpoint(sequence, stateDigest, replica);
    }
}
