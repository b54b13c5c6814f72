package org.bftee.core.replica;

import org.bftee.core.protocol.Quorums;

/**
 * The replica's log: one {@link Slot} per sequence number inside the water marks
 * {@code h < s <= h + L}. Slots live in a ring of {@code L} entries allocated once, so moving the
 * water marks after a stable checkpoint discards the old entries without allocating new ones.
 */
final class MessageLog {

    private final Slot[] ring;
    private long lowWaterMark;

    MessageLog(Quorums quorums, int logWindow) {
        this(quorums, logWindow, PlantedBug.NONE);
    }

    MessageLog(Quorums quorums, int logWindow, PlantedBug plantedBug) {
        if (logWindow <= 0) {
            throw new IllegalArgumentException("log window must be positive, got " + logWindow);
        }
        ring = new Slot[logWindow];
        for (int i = 0; i < logWindow; i++) {
            ring[i] = new Slot(quorums, plantedBug);
        }
        lowWaterMark = 0;
        for (long sequence = 1; sequence <= logWindow; sequence++) {
            ring[index(sequence)].clear(sequence);
        }
    }

    /** {@code h}: the sequence number of the last stable checkpoint. */
    long lowWaterMark() {
        return lowWaterMark;
    }

    /** {@code H = h + L}: the highest sequence number accepted. */
    long highWaterMark() {
        return lowWaterMark + ring.length;
    }

    /** Whether {@code sequence} lies inside the water marks, {@code h < s <= H}. */
    boolean inWindow(long sequence) {
        return sequence > lowWaterMark && sequence <= highWaterMark();
    }

    /** The slot of {@code sequence}, which must lie inside the water marks. */
    Slot slot(long sequence) {
        if (!inWindow(sequence)) {
            throw new IllegalStateException("sequence " + sequence + " outside the water marks ("
                    + lowWaterMark + ", " + highWaterMark() + "]");
        }
        Slot slot = ring[index(sequence)];
        if (slot.sequence() != sequence) {
            throw new IllegalStateException("slot for " + sequence + " holds " + slot.sequence());
        }
        return slot;
    }

    /**
     * Moves the low water mark up to {@code stableSequence} (a new stable checkpoint), discarding
     * every entry at or below it and opening the slots above the old high water mark.
     */
    void advanceLowWaterMark(long stableSequence) {
        if (stableSequence <= lowWaterMark) {
            return;
        }
        long oldHigh = highWaterMark();
        long newHigh = stableSequence + ring.length;
        // Slots s in (oldHigh, newHigh] reuse the ring entries of the discarded s - L.
        for (long sequence = Math.max(oldHigh + 1, newHigh - ring.length + 1); sequence <= newHigh; sequence++) {
            ring[index(sequence)].clear(sequence);
        }
        lowWaterMark = stableSequence;
    }

    /** Always-on consistency check for tests: every slot holds the sequence number its position says. */
    void checkInvariants() {
        for (long sequence = lowWaterMark + 1; sequence <= highWaterMark(); sequence++) {
            if (ring[index(sequence)].sequence() != sequence) {
                throw new IllegalStateException("ring position " + index(sequence) + " holds "
                        + ring[index(sequence)].sequence() + ", expected " + sequence);
            }
        }
    }

    private int index(long sequence) {
        return (int) Math.floorMod(sequence, (long) ring.length);
    }
}
