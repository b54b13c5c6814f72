package org.bftee.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.message.Bytes;

/**
 * The object store against a naive model that keeps a full copy of the state at every checkpoint
 * and recomputes every checkpoint digest from scratch: random writes, batches, checkpoints,
 * rollbacks, discards, undos and atomic operations must leave the incremental tree equal to the
 * recomputed one.
 */
class ObjectStoreProperties {

    private static final int RETAINED_MAX = 4;

    sealed interface Action {
    }

    record Write(int index, int value) implements Action {
    }

    record NewBatch() implements Action {
    }

    record TakeCheckpoint() implements Action {
    }

    record Rollback(int pick) implements Action {
    }

    record Discard(int pick) implements Action {
    }

    record Undo(int pick) implements Action {
    }

    record Atomic(List<Write> writes, boolean abort) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Write> write = Combinators.combine(Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 4)).as(Write::new);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 100);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(10, write.map(w -> (Action) w)),
                Tuple.of(2, Arbitraries.just(new NewBatch())),
                Tuple.of(3, Arbitraries.just(new TakeCheckpoint())),
                Tuple.of(1, pick.map(Rollback::new)),
                Tuple.of(1, pick.map(Discard::new)),
                Tuple.of(1, pick.map(Undo::new)),
                Tuple.of(1, Combinators.combine(write.list().ofMaxSize(4), Arbitraries.of(true, false))
                        .as(Atomic::new)));
        return action.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void incrementalTreeEqualsRecomputedTree(@ForAll @IntRange(min = 1, max = 300) int objectCount,
                                             @ForAll("actions") List<Action> actions) {
        new Run(objectCount).play(actions);
    }

    private static Bytes value(int v) {
        return v == 0 ? Bytes.EMPTY : Bytes.wrap(filled(v % 3 + 1, v));
    }

    private static byte[] filled(int length, int v) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) v);
        return bytes;
    }

    private record Snapshot(Bytes[] values, long[] lastModified) {
    }

    private static final class Run {
        final int count;
        final ObjectStore store;
        final PartitionTree reference;
        final Bytes[] values;
        final long[] lastModified;
        final TreeMap<Long, Snapshot> checkpoints = new TreeMap<>();
        final TreeMap<Long, Bytes[]> batches = new TreeMap<>(); // values before each batch
        long sequence;
        boolean batchOpen;

        Run(int count) {
            this.count = count;
            this.store = new ObjectStore(new ObjectStoreLimits(count, 8, RETAINED_MAX), DigestAlgorithm.SHA_256);
            this.reference = new PartitionTree(count, DigestAlgorithm.SHA_256);
            this.values = new Bytes[count];
            Arrays.fill(values, Bytes.EMPTY);
            this.lastModified = new long[count];
            checkpoints.put(0L, snapshot());
        }

        Snapshot snapshot() {
            return new Snapshot(values.clone(), lastModified.clone());
        }

        void play(List<Action> actions) {
            for (Action action : actions) {
                apply(action);
                for (int index = 0; index < count; index++) {
                    assertEquals(values[index], store.read(index));
                }
            }
            checkCheckpoints();
            store.checkInvariants();
        }

        void apply(Action action) {
            if (action instanceof Write write) {
                ensureBatch();
                write(write);
            } else if (action instanceof NewBatch) {
                newBatch();
            } else if (action instanceof TakeCheckpoint) {
                takeCheckpoint();
            } else if (action instanceof Rollback rollback) {
                long target = pick(new ArrayList<>(checkpoints.keySet()), rollback.pick());
                store.rollbackTo(target);
                restore(checkpoints.get(target).values());
                System.arraycopy(checkpoints.get(target).lastModified(), 0, lastModified, 0, count);
                checkpoints.tailMap(target, false).clear();
                batches.clear();
                batchOpen = false;
                sequence = target;
            } else if (action instanceof Discard discard) {
                long before = pick(new ArrayList<>(checkpoints.keySet()), discard.pick());
                store.discardCheckpointsBefore(before);
                checkpoints.headMap(before, false).clear();
            } else if (action instanceof Undo undo) {
                List<Long> above = new ArrayList<>(batches.keySet());
                above.add(0, checkpoints.lastKey());
                long target = pick(above, undo.pick());
                store.undoBatchesAbove(target);
                Map.Entry<Long, Bytes[]> first = batches.higherEntry(target);
                if (first != null) {
                    restore(first.getValue());
                }
                batches.tailMap(target, false).clear();
                batchOpen = false;
                sequence = target;
            } else if (action instanceof Atomic atomic) {
                ensureBatch();
                Bytes[] before = values.clone();
                store.beginAtomic();
                atomic.writes().forEach(this::write);
                if (atomic.abort()) {
                    store.abortAtomic();
                    restore(before);
                } else {
                    store.commitAtomic();
                }
            }
        }

        void write(Write write) {
            int index = write.index() % count;
            store.write(index, value(write.value()));
            values[index] = value(write.value());
        }

        void ensureBatch() {
            if (!batchOpen) {
                newBatch();
            }
        }

        void newBatch() {
            sequence++;
            store.beginBatch(sequence);
            batches.put(sequence, values.clone());
            batchOpen = true;
        }

        void takeCheckpoint() {
            if (checkpoints.size() == RETAINED_MAX) {
                long second = checkpoints.higherKey(checkpoints.firstKey());
                store.discardCheckpointsBefore(second);
                checkpoints.remove(checkpoints.firstKey());
            }
            long at = batches.isEmpty() ? ++sequence : sequence;
            Bytes[] previous = checkpoints.lastEntry().getValue().values();
            for (int index = 0; index < count; index++) {
                if (!values[index].equals(previous[index])) {
                    lastModified[index] = at;
                }
            }
            assertEquals(reference.recomputeRoot(i -> values[i], i -> lastModified[i]), store.checkpoint(at));
            checkpoints.put(at, snapshot());
            batches.clear();
            batchOpen = false;
        }

        void restore(Bytes[] from) {
            System.arraycopy(from, 0, values, 0, count);
        }

        void checkCheckpoints() {
            assertEquals(new ArrayList<>(checkpoints.keySet()), store.retainedCheckpoints());
            int leaf = store.leafLevel();
            checkpoints.forEach((at, snapshot) -> {
                assertEquals(reference.recomputeRoot(i -> snapshot.values()[i], i -> snapshot.lastModified()[i]),
                        store.checkpointDigest(at));
                for (int index = 0; index < count; index++) {
                    assertEquals(snapshot.values()[index], store.valueAt(at, index));
                    assertEquals(snapshot.lastModified()[index], store.partitionAt(at, leaf, index).lastModified());
                }
            });
        }

        static long pick(List<Long> from, int pick) {
            return from.get(pick % from.size());
        }
    }
}
