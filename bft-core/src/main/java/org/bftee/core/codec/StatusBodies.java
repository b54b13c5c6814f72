package org.bftee.core.codec;

import org.bftee.core.message.Bitmap;
import org.bftee.core.message.Status;

/**
 * Body of STATUS (big-endian):
 *
 * <pre>
 * STATUS  view i64 | flags u8 | stableSequence i64 | lastExecuted i64
 *         | prepared bitmap | committed bitmap | viewChanges bitmap | replica i32
 * bitmap  size i32 (bits) | ceil(size / 8) bytes, bit k = bit (k % 8) of byte (k / 8), unused bits zero
 * </pre>
 *
 * Flags: {@value #VIEW_CHANGE_IN_PROGRESS} view change in progress, {@value #NEW_VIEW_HELD} new-view held.
 * The sequence bitmaps hold at most {@link WireLimits#logWindowMax()} bits, the view-change bitmap
 * at most {@link WireLimits#replicasMax()}.
 */
final class StatusBodies {

    static final int VIEW_CHANGE_IN_PROGRESS = 1;
    static final int NEW_VIEW_HELD = 1 << 1;
    static final int FLAGS_KNOWN = VIEW_CHANGE_IN_PROGRESS | NEW_VIEW_HELD;

    private StatusBodies() {
    }

    static void writeStatus(WireWriter writer, Status status) {
        WireLimits limits = writer.limits();
        writer.int64(status.view());
        writer.u8((status.viewChangeInProgress() ? VIEW_CHANGE_IN_PROGRESS : 0) | (status.newViewHeld() ? NEW_VIEW_HELD : 0));
        writer.int64(status.stableSequence());
        writer.int64(status.lastExecuted());
        writer.bitmap(status.prepared(), limits.logWindowMax(), "status prepared");
        writer.bitmap(status.committed(), limits.logWindowMax(), "status committed");
        writer.bitmap(status.viewChanges(), limits.replicasMax(), "status viewChanges");
        writer.replica(status.replica(), "status replica");
    }

    static Status readStatus(WireReader reader) {
        WireLimits limits = reader.limits();
        long view = reader.nonNegativeLong("status view");
        int flags = reader.flags("status flags", FLAGS_KNOWN);
        long stableSequence = reader.nonNegativeLong("status stableSequence");
        long lastExecuted = reader.nonNegativeLong("status lastExecuted");
        Bitmap prepared = reader.bitmap("status prepared", limits.logWindowMax());
        Bitmap committed = reader.bitmap("status committed", limits.logWindowMax());
        Bitmap viewChanges = reader.bitmap("status viewChanges", limits.replicasMax());
        int replica = reader.replica("status replica");
        return reader.failed() ? null : new Status(view, (flags & VIEW_CHANGE_IN_PROGRESS) != 0,
                (flags & NEW_VIEW_HELD) != 0, stableSequence, lastExecuted, prepared, committed, viewChanges, replica);
    }
}
