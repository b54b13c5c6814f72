package org.bftee.core.replica;

import java.util.List;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Request;

/**
 * What a replica must find again after a crash of the whole group, so that no operation a client
 * saw acknowledged is lost (PROTOCOL.md, "View change with MACs"; the thesis's argument that a
 * request committed at one correct replica survives every view change rests on the P and Q sets
 * of the correct replicas, which a crash would otherwise wipe out).
 *
 * <p>The replica calls these methods during an event, before the messages they justify are
 * emitted. <b>Driver contract</b>: a message emitted during an event leaves only after every record
 * made during that event (and before it) is on stable storage; the driver may sync many events'
 * records at once (group commit) and hold their messages until then. Nothing else in the replica
 * needs syncing: checkpoints are written on their own, and {@link #stable} may be applied lazily,
 * once the checkpoint it names is stored.
 *
 * <p>After a restart, the records since the stored checkpoint are handed back to the replica as a
 * {@link LoggedState} ({@link Replica#Replica(ReplicaConfig, ReplicaServices, org.bftee.core.protocol.Outbox, LoggedState)}).
 * {@link #NONE} logs nothing: the in-memory mode, in which a replica restarted after a crash has
 * forgotten its votes and counts as one of the {@code f} faults until the group's stable
 * checkpoint passes them.
 */
public interface DurableLog {

    /** Logs nothing. */
    DurableLog NONE = new DurableLog() {
        @Override
        public void viewEntered(long view, boolean active) {
        }

        @Override
        public void voted(long view, long sequence, Digest batchDigest, PrePrepare batch, List<Digest> entryDigests,
                          List<Request> largeBodies, boolean accepted) {
        }

        @Override
        public void prepared(long view, long sequence, Digest batchDigest) {
        }

        @Override
        public void stable(long sequence) {
        }
    };

    /**
     * The replica moved to {@code view}: changing to it ({@code active} false, before its
     * VIEW-CHANGE leaves) or with the view installed. It never speaks in a lower view again.
     */
    void viewEntered(long view, boolean active);

    /**
     * The replica votes for {@code batch} (digest {@code batchDigest}) at {@code sequence} in
     * {@code view}: as primary with its PRE-PREPARE, as backup with its PREPARE. {@code accepted}
     * is false for a partial PREPARE (requests it could not authenticate yet): a promise not to
     * vote otherwise there, but no pre-prepared support for the view change. {@code largeBodies}
     * are the requests the batch names by digest.
     */
    void voted(long view, long sequence, Digest batchDigest, PrePrepare batch, List<Digest> entryDigests,
               List<Request> largeBodies, boolean accepted);

    /** The batch {@code batchDigest} prepared at {@code sequence} in {@code view}: its COMMIT follows. */
    void prepared(long view, long sequence, Digest batchDigest);

    /** Checkpoint {@code sequence} is stable: records at or below it are no longer needed. */
    void stable(long sequence);
}
