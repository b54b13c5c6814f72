package org.bftee.core.codec;

import java.util.List;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Decision;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeAck;
import org.bftee.core.message.ViewChangeRef;

/**
 * Bodies of the view change messages (big-endian; {@code list} is a 4-byte count then the elements):
 *
 * <pre>
 * VIEW-CHANGE      newView i64 | stableSequence i64
 *                  | C list of (sequence i64 | digest 32)
 *                  | P list of (sequence i64 | digest 32 | view i64)
 *                  | Q list of (sequence i64 | list of (digest 32 | view i64))
 *                  | replica i32
 * VIEW-CHANGE-ACK  newView i64 | replica i32 | viewChangeSender i32 | viewChangeDigest 32
 * NEW-VIEW         newView i64 | V list of (replica i32 | digest 32)
 *                  | checkpoint (sequence i64 | digest 32)
 *                  | X list of (sequence i64 | digest 32)
 * </pre>
 *
 * C, P, Q and X are bounded by {@link WireLimits#logWindowMax()}, each Q entry by
 * {@link WireLimits#digestViewsPerEntryMax()}, V by {@link WireLimits#viewChangeRefsMax()}.
 */
final class ViewChangeBodies {

    private ViewChangeBodies() {
    }

    static void writeViewChange(WireWriter writer, ViewChange viewChange) {
        int window = writer.limits().logWindowMax();
        writer.int64(viewChange.newView());
        writer.int64(viewChange.stableSequence());
        writer.list(viewChange.checkpoints(), window, "C", ViewChangeBodies::writeCheckpointEntry);
        writer.list(viewChange.prepared(), window, "P", (out, entry) -> {
            out.int64(entry.sequence());
            out.digest(entry.digest());
            out.int64(entry.view());
        });
        writer.list(viewChange.prePrepared(), window, "Q", (out, entry) -> {
            out.int64(entry.sequence());
            out.list(entry.digestViews(), out.limits().digestViewsPerEntryMax(), "Q entry", (pairOut, pair) -> {
                pairOut.digest(pair.digest());
                pairOut.int64(pair.view());
            });
        });
        writer.replica(viewChange.replica(), "view-change replica");
    }

    static ViewChange readViewChange(WireReader reader) {
        int window = reader.limits().logWindowMax();
        long newView = reader.nonNegativeLong("view-change newView");
        long stableSequence = reader.nonNegativeLong("view-change stableSequence");
        List<CheckpointEntry> checkpoints = reader.list("C", window, WireSizes.CHECKPOINT_ENTRY,
                ViewChangeBodies::readCheckpointEntry);
        List<PreparedEntry> prepared = reader.list("P", window, WireSizes.PREPARED_ENTRY,
                ViewChangeBodies::readPreparedEntry);
        List<PrePreparedEntry> prePrepared = reader.list("Q", window, WireSizes.PRE_PREPARED_ENTRY_MIN,
                ViewChangeBodies::readPrePreparedEntry);
        int replica = reader.replica("view-change replica");
        return reader.failed() ? null : new ViewChange(newView, stableSequence, checkpoints, prepared, prePrepared, replica);
    }

    private static PreparedEntry readPreparedEntry(WireReader reader) {
        long sequence = reader.nonNegativeLong("P sequence");
        Digest digest = reader.digest("P digest");
        long view = reader.nonNegativeLong("P view");
        return reader.failed() ? null : new PreparedEntry(sequence, digest, view);
    }

    private static PrePreparedEntry readPrePreparedEntry(WireReader reader) {
        long sequence = reader.nonNegativeLong("Q sequence");
        List<DigestView> digestViews = reader.list("Q entry", reader.limits().digestViewsPerEntryMax(), WireSizes.DIGEST_VIEW,
                in -> {
                    Digest digest = in.digest("Q digest");
                    long view = in.nonNegativeLong("Q view");
                    return in.failed() ? null : new DigestView(digest, view);
                });
        return reader.failed() ? null : new PrePreparedEntry(sequence, digestViews);
    }

    static void writeCheckpointEntry(WireWriter writer, CheckpointEntry entry) {
        writer.int64(entry.sequence());
        writer.digest(entry.digest());
    }

    static CheckpointEntry readCheckpointEntry(WireReader reader) {
        long sequence = reader.nonNegativeLong("checkpoint entry sequence");
        Digest digest = reader.digest("checkpoint entry digest");
        return reader.failed() ? null : new CheckpointEntry(sequence, digest);
    }

    static void writeViewChangeAck(WireWriter writer, ViewChangeAck ack) {
        writer.int64(ack.newView());
        writer.replica(ack.replica(), "view-change-ack replica");
        writer.replica(ack.viewChangeSender(), "view-change-ack viewChangeSender");
        writer.digest(ack.viewChangeDigest());
    }

    static ViewChangeAck readViewChangeAck(WireReader reader) {
        long newView = reader.nonNegativeLong("view-change-ack newView");
        int replica = reader.replica("view-change-ack replica");
        int viewChangeSender = reader.replica("view-change-ack viewChangeSender");
        Digest viewChangeDigest = reader.digest("view-change-ack digest");
        return reader.failed() ? null : new ViewChangeAck(newView, replica, viewChangeSender, viewChangeDigest);
    }

    static void writeNewView(WireWriter writer, NewView newView) {
        writer.int64(newView.newView());
        writer.list(newView.viewChanges(), writer.limits().viewChangeRefsMax(), "V", (out, ref) -> {
            out.replica(ref.replica(), "V replica");
            out.digest(ref.digest());
        });
        writeCheckpointEntry(writer, newView.checkpoint());
        writer.list(newView.decisions(), writer.limits().logWindowMax(), "X", (out, decision) -> {
            out.int64(decision.sequence());
            out.digest(decision.digest());
        });
    }

    static NewView readNewView(WireReader reader) {
        long newView = reader.nonNegativeLong("new-view newView");
        List<ViewChangeRef> viewChanges = reader.list("V", reader.limits().viewChangeRefsMax(), WireSizes.VIEW_CHANGE_REF,
                in -> {
                    int replica = in.replica("V replica");
                    Digest digest = in.digest("V digest");
                    return in.failed() ? null : new ViewChangeRef(replica, digest);
                });
        CheckpointEntry checkpoint = readCheckpointEntry(reader);
        List<Decision> decisions = reader.list("X", reader.limits().logWindowMax(), WireSizes.DECISION, in -> {
            long sequence = in.nonNegativeLong("X sequence");
            Digest digest = in.digest("X digest");
            return in.failed() ? null : new Decision(sequence, digest);
        });
        return reader.failed() ? null : new NewView(newView, viewChanges, checkpoint, decisions);
    }
}
