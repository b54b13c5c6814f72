package org.bftee.core.replica;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStore;

/**
 * The last reply of every client lane, and the agreed time, kept in the library's objects at the
 * end of the object store, so that they are checkpointed, undone and transferred with the service's
 * state. A replica that fetched a checkpoint by state transfer must skip exactly the requests the
 * others skip (exactly-once) and execute with the same time, so both belong to the state (the
 * thesis keeps the reply cache in the checkpointed memory for the same reason).
 *
 * <p>Layout of the library objects: object 0 holds the agreed time of the last executed batch;
 * object {@code 1 + c * L + lane} holds the last executed request of lane {@code lane} of the
 * {@code c}-th client in ascending id order, {@code L} being the lanes-per-client maximum:
 * <pre>
 *   entry = timestamp:i64 || sequence:i64 || kind:u8 || payload
 *   kind 0: payload is the result;  kind 1: payload is the result's digest (results too large
 *   for one object of the store, {@code objectBytesMax - 17} bytes)
 * </pre>
 * The result is kept whole whenever it fits, as the thesis keeps the last reply: after a whole
 * group restarted, or when every replica fetched the checkpoint past a request, a client whose
 * reply was lost gets it again only from the state. A result too large for an object stays in
 * memory only, in {@link #recentResults}: a replica resends it if it executed the request itself,
 * and otherwise resends a digest reply, which the client counts with the full result it gets from
 * another replica.
 *
 * <p>Lookups read the store directly: no map, no key object per request.
 */
final class ReplyCache {

    /** The smallest whole result the store's objects must be able to hold. */
    static final int FULL_RESULT_BYTES_MIN = 256;

    private static final int AGREED_TIME_OBJECT = 0;
    private static final int HEADER_BYTES = Long.BYTES + Long.BYTES + 1;
    private static final byte KIND_RESULT = 0;
    private static final byte KIND_DIGEST = 1;

    /**
     * The last executed request of one lane.
     *
     * @param result       the full result, or {@code null} when this replica knows only its digest
     * @param resultDigest the result's digest, or {@code null} when the full result is known
     */
    record Entry(long timestamp, long sequence, Bytes result, Bytes resultDigest) {
    }

    private final ObjectStore store;
    private final int[] clients;
    private final int lanes;
    private final Function<Bytes, Bytes> digestOfResult;
    /** Per lane slot, the last large result this replica computed, and the sequence number it was computed at. */
    private final Bytes[] recentResults;
    private final long[] recentSequences;

    /**
     * @param clients        the group's client ids, ascending
     * @param digestOfResult the digest a digest reply carries for a result
     */
    ReplyCache(ObjectStore store, List<Integer> clients, int lanes, Function<Bytes, Bytes> digestOfResult) {
        this.store = store;
        this.clients = clients.stream().mapToInt(Integer::intValue).toArray();
        this.lanes = lanes;
        this.digestOfResult = digestOfResult;
        int required = libraryObjects(this.clients.length, lanes);
        if (store.libraryObjectCount() != required) {
            throw new IllegalArgumentException("the object store has " + store.libraryObjectCount()
                    + " library objects; a group of " + this.clients.length + " clients with " + lanes
                    + " lanes each needs " + required + " (build it with ReplicaConfig.libraryObjects())");
        }
        if (store.objectBytesMax() < HEADER_BYTES + FULL_RESULT_BYTES_MIN) {
            throw new IllegalArgumentException("objects of " + store.objectBytesMax()
                    + " bytes cannot hold a reply cache entry of " + (HEADER_BYTES + FULL_RESULT_BYTES_MIN));
        }
        this.recentResults = new Bytes[this.clients.length * lanes];
        this.recentSequences = new long[recentResults.length];
    }

    /** The library objects a group of {@code clients} clients with {@code lanes} lanes each needs. */
    static int libraryObjects(int clients, int lanes) {
        return 1 + Math.multiplyExact(clients, lanes);
    }

    /** Whether {@code (client, lane)} names a lane of a known client. */
    boolean isKnownLane(int client, int lane) {
        return lane >= 0 && lane < lanes && Arrays.binarySearch(clients, client) >= 0;
    }

    /** The lane's last executed request, or {@code null} if it never executed one (or is unknown). */
    Entry last(int client, int lane) {
        int slot = slot(client, lane);
        if (slot < 0) {
            return null;
        }
        Bytes entry = store.readLibrary(1 + slot);
        if (!wellFormed(entry)) {
            return null;
        }
        long timestamp = entry.longAt(0);
        long sequence = entry.longAt(Long.BYTES);
        Bytes payload = entry.from(HEADER_BYTES);
        if (entry.byteAt(HEADER_BYTES - 1) == KIND_RESULT) {
            return new Entry(timestamp, sequence, payload, null);
        }
        Bytes recent = recentSequences[slot] == sequence ? recentResults[slot] : null;
        return new Entry(timestamp, sequence, recent, recent == null ? payload : null);
    }

    /** The lane's last executed timestamp, or -1 (also for an unknown lane, whose requests never execute). */
    long lastTimestamp(int client, int lane) {
        int slot = slot(client, lane);
        if (slot < 0) {
            return -1;
        }
        Bytes entry = store.readLibrary(1 + slot);
        return wellFormed(entry) ? entry.longAt(0) : -1;
    }

    /**
     * Whether a stored entry can be read. Only a replica whose objects were changed behind the
     * library's back holds one that cannot; it reads as "no entry" until recovery repairs it.
     */
    private static boolean wellFormed(Bytes entry) {
        return entry.length() >= HEADER_BYTES;
    }

    /** Records the result of {@code (client, lane, timestamp)}, executed in batch {@code sequence}. */
    void record(int client, int lane, long timestamp, long sequence, Bytes result) {
        int slot = slot(client, lane);
        if (slot < 0) {
            throw new IllegalArgumentException("client " + client + " lane " + lane + " has no reply cache entry");
        }
        boolean whole = HEADER_BYTES + result.length() <= store.objectBytesMax();
        Bytes payload = whole ? result : digestOfResult.apply(result);
        ByteBuffer entry = ByteBuffer.allocate(HEADER_BYTES + payload.length())
                .putLong(timestamp).putLong(sequence).put(whole ? KIND_RESULT : KIND_DIGEST);
        payload.writeTo(entry);
        store.writeLibrary(1 + slot, Bytes.wrap(entry.array()));
        recentResults[slot] = whole ? null : result;
        recentSequences[slot] = whole ? -1 : sequence;
    }

    /** The agreed time of the last executed batch, or {@code Long.MIN_VALUE} before the first. */
    long agreedTime() {
        Bytes time = store.readLibrary(AGREED_TIME_OBJECT);
        return time.length() < Long.BYTES ? Long.MIN_VALUE : time.longAt(0);
    }

    /** Records the agreed time of the batch being executed. */
    void recordAgreedTime(long millis) {
        store.writeLibrary(AGREED_TIME_OBJECT, Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(millis).array()));
    }

    private int slot(int client, int lane) {
        if (lane < 0 || lane >= lanes) {
            return -1;
        }
        int position = Arrays.binarySearch(clients, client);
        return position < 0 ? -1 : position * lanes + lane;
    }
}
