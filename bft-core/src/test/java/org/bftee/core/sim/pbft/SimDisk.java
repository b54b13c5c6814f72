package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Request;
import org.bftee.core.replica.DurableLog;
import org.bftee.core.replica.LoggedState;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.StoredObject;

/**
 * A simulated replica's stable storage: the last stable checkpoint it wrote, kept across crashes
 * (the runtime's checkpoint files play this part on real machines). Written the way the runtime
 * writes: after each stable checkpoint, the objects changed since the previous one written.
 *
 * <p>A durable disk also keeps the replica's {@link DurableLog} records. A record is on the disk
 * the moment it is made, which is what the driver contract asks of a real disk before the event's
 * messages leave. The records at or below a stable checkpoint are dropped only once that checkpoint
 * is written here, as the runtime must do.
 */
final class SimDisk {

    private final boolean durable;
    private final LoggedState log = new LoggedState();
    private long sequence = ObjectStore.INITIAL_CHECKPOINT;
    private Digest digest;
    private final Map<Integer, StoredObject> objects = new TreeMap<>();
    private long writes;

    /** A disk for checkpoints only: the replica's votes stay in memory ({@link DurableLog#NONE}). */
    SimDisk() {
        this(false);
    }

    SimDisk(boolean durable) {
        this.durable = durable;
    }

    /** Where the replica logs its votes: this disk, or nowhere if it is not durable. */
    DurableLog durableLog() {
        if (!durable) {
            return DurableLog.NONE;
        }
        return new DurableLog() {
            @Override
            public void viewEntered(long view, boolean active) {
                log.viewEntered(view, active);
            }

            @Override
            public void voted(long view, long seq, Digest batchDigest, PrePrepare batch, List<Digest> entryDigests,
                              List<Request> largeBodies, boolean accepted) {
                log.voted(view, seq, batchDigest, batch, entryDigests, largeBodies, accepted);
            }

            @Override
            public void prepared(long view, long seq, Digest batchDigest) {
                log.prepared(view, seq, batchDigest);
            }

            @Override
            public void stable(long seq) {
                // Dropped when the checkpoint is written (write), not before.
            }
        };
    }

    /** What the log holds, for a replica restarted from this disk. */
    LoggedState logged() {
        return log;
    }

    /** Writes stable checkpoint {@code stable} of {@code store}; a full image if {@code full} (after a state transfer). */
    void write(ObjectStore store, long stable, boolean full) {
        if ((stable <= sequence && !full) || !store.isRetained(stable)) {
            return; // as the runtime does: a checkpoint recovery dropped is not written
        }
        if (full) {
            objects.clear();
        }
        for (StoredObject object : store.modifiedAfter(full ? 0 : sequence, stable)) {
            objects.put(object.index(), object);
        }
        sequence = stable;
        digest = store.checkpointDigest(stable);
        writes++;
        log.stable(stable);
    }

    /** Loads what was written into {@code store}; false if nothing was, or if it does not match its digest. */
    boolean loadInto(ObjectStore store) {
        return digest != null && store.restore(sequence, digest, List.copyOf(objects.values()));
    }

    long sequence() {
        return sequence;
    }

    long writes() {
        return writes;
    }

    /** Flips a byte of one stored object (or gives an empty one a value): what a bad disk does. */
    void corrupt(long salt) {
        if (objects.isEmpty()) {
            return;
        }
        List<StoredObject> all = new ArrayList<>(objects.values());
        StoredObject victim = all.get((int) Math.floorMod(salt, (long) all.size()));
        byte[] value = victim.value().toByteArray();
        if (value.length == 0) {
            value = new byte[] {7};
        } else {
            value[(int) Math.floorMod(salt >>> 16, (long) value.length)] ^= 0x10;
        }
        objects.put(victim.index(), new StoredObject(victim.index(), victim.lastModified(), Bytes.wrap(value)));
    }
}
