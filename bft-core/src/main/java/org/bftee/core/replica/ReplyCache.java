package org.bftee.core.replica;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bftee.core.message.Bytes;

/**
 * The last reply of every client lane: exactly-once execution and retransmitted replies.
 *
 * <p>A request with the lane's last timestamp gets its cached reply again; an older one is a
 * replay. Entries change only when a batch executes, and a tentatively executed batch may be
 * undone by a view change, so each batch keeps an undo list of the entries it replaced.
 * Size is bounded by the number of client principals times the lanes-per-client maximum,
 * both named limits checked before an entry is created.
 */
final class ReplyCache {

    /** The last executed request of one lane and its result. */
    record Entry(long timestamp, long sequence, Bytes result) {
    }

    private record LaneKey(int client, int lane) {
    }

    private record Undo(LaneKey key, Entry previous) {
    }

    private final Map<LaneKey, Entry> entries = new HashMap<>();
    private final Map<Long, List<Undo>> undoBySequence = new HashMap<>();

    /** The lane's last executed request, or {@code null} if it never executed one. */
    Entry last(int client, int lane) {
        return entries.get(new LaneKey(client, lane));
    }

    /** The lane's last executed timestamp, or -1. */
    long lastTimestamp(int client, int lane) {
        Entry entry = last(client, lane);
        return entry == null ? -1 : entry.timestamp();
    }

    /** Records the result of {@code (client, lane, timestamp)}, executed in batch {@code sequence}. */
    void record(int client, int lane, long timestamp, long sequence, Bytes result) {
        LaneKey key = new LaneKey(client, lane);
        Entry previous = entries.put(key, new Entry(timestamp, sequence, result));
        undoBySequence.computeIfAbsent(sequence, s -> new ArrayList<>()).add(new Undo(key, previous));
    }

    /** Undoes every entry recorded by batches above {@code sequence}, newest first. */
    void undoAbove(long sequence) {
        List<Long> undone = undoBySequence.keySet().stream().filter(s -> s > sequence)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        for (long s : undone) {
            List<Undo> undos = undoBySequence.remove(s);
            for (int i = undos.size() - 1; i >= 0; i--) {
                Undo undo = undos.get(i);
                if (undo.previous() == null) {
                    entries.remove(undo.key());
                } else {
                    entries.put(undo.key(), undo.previous());
                }
            }
        }
    }

    /** Forgets the undo lists of batches at or below {@code sequence}: they are committed for good. */
    void forgetUndoUpTo(long sequence) {
        undoBySequence.keySet().removeIf(s -> s <= sequence);
    }

    int size() {
        return entries.size();
    }
}
