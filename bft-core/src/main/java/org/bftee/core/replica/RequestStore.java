package org.bftee.core.replica;

import java.util.HashMap;
import java.util.Map;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Request;

/**
 * Requests this replica received from clients and authenticated itself, by request digest, until
 * they execute. Backups need them for the large requests that pre-prepares carry only by digest;
 * every replica resends them to peers that lack them, until a stable checkpoint covers the batch
 * they executed in. Bounded by a named maximum; when it is full a new request is refused (the
 * client retransmits).
 */
final class RequestStore {

    private final int capacity;
    private final Map<Digest, Request> requests = new HashMap<>();
    /** Executed requests by the batch they executed in: kept for peers that lack them until a checkpoint covers them. */
    private final java.util.TreeMap<Long, java.util.List<Digest>> executedBySequence = new java.util.TreeMap<>();

    RequestStore(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps {@code request} under {@code digest}; false if the store is full. */
    boolean put(Digest digest, Request request) {
        if (requests.containsKey(digest)) {
            return true;
        }
        if (requests.size() >= capacity) {
            return false;
        }
        requests.put(digest, request);
        return true;
    }

    Request get(Digest digest) {
        return requests.get(digest);
    }

    boolean contains(Digest digest) {
        return requests.containsKey(digest);
    }

    /** The request executed in batch {@code sequence}; it is kept until a stable checkpoint covers it. */
    void markExecuted(Digest digest, long sequence) {
        executedBySequence.computeIfAbsent(sequence, s -> new java.util.ArrayList<>()).add(digest);
    }

    /** Forgets the requests executed at or below {@code stableSequence}: no correct replica needs them any more. */
    void discardExecutedUpTo(long stableSequence) {
        var covered = executedBySequence.headMap(stableSequence, true);
        covered.values().forEach(digests -> digests.forEach(requests::remove));
        covered.clear();
    }

    int size() {
        return requests.size();
    }
}
