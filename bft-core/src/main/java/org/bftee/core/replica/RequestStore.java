package org.bftee.core.replica;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Request;

/**
 * Bodies of large requests, by request digest: pre-prepares carry such requests only by digest,
 * so a backup needs the body before it prepares, and every replica resends the bodies it holds to
 * peers that lack them until a stable checkpoint covers the batch they executed in.
 *
 * <p>A body is either <em>verified</em> (this replica checked the client's authenticator entry) or
 * <em>vouched</em>: a body this replica cannot authenticate (a faulty client's authenticator may be
 * valid for some replicas only) is kept only when a pre-prepare it holds names its digest, and the
 * batch is accepted only once {@code f} other backups vouch for it (see {@link Agreement}).
 *
 * <p>Two named bounds: the store's capacity, and the bodies one client principal may have stored
 * and not yet executed, so a faulty client whose requests are never ordered cannot crowd out the
 * correct clients' bodies (the BFT library bounds unmatched requests per client the same way).
 */
final class RequestStore {

    private record Stored(Request request, boolean verified) {
    }

    private final int capacity;
    private final int pendingPerClientMax;
    private final Map<Digest, Stored> requests = new HashMap<>();
    private final Map<Integer, Integer> pendingByClient = new HashMap<>();
    /** Executed requests by the batch they executed in: kept for peers that lack them until a checkpoint covers them. */
    private final TreeMap<Long, List<Digest>> executedBySequence = new TreeMap<>();

    RequestStore(int capacity, int pendingPerClientMax) {
        this.capacity = capacity;
        this.pendingPerClientMax = pendingPerClientMax;
    }

    /** Why a body cannot be stored, or null if it was stored (or already held; a verified copy upgrades a vouched one). */
    DropReason put(Digest digest, Request request, boolean verified) {
        Stored existing = requests.get(digest);
        if (existing != null) {
            if (verified && !existing.verified()) {
                requests.put(digest, new Stored(existing.request(), true));
            }
            return null;
        }
        if (requests.size() >= capacity) {
            return DropReason.REQUEST_STORE_FULL;
        }
        int pending = pendingByClient.getOrDefault(request.client(), 0);
        if (pending >= pendingPerClientMax) {
            return DropReason.CLIENT_BODIES_OVER_LIMIT;
        }
        requests.put(digest, new Stored(request, verified));
        pendingByClient.put(request.client(), pending + 1);
        return null;
    }

    Request get(Digest digest) {
        Stored stored = requests.get(digest);
        return stored == null ? null : stored.request();
    }

    boolean contains(Digest digest) {
        return requests.containsKey(digest);
    }

    boolean isVerified(Digest digest) {
        Stored stored = requests.get(digest);
        return stored != null && stored.verified();
    }

    /** The request executed in batch {@code sequence}; it is kept until a stable checkpoint covers it. */
    void markExecuted(Digest digest, long sequence) {
        Stored stored = requests.get(digest);
        if (stored == null) {
            return;
        }
        executedBySequence.computeIfAbsent(sequence, s -> new ArrayList<>()).add(digest);
        pendingByClient.computeIfPresent(stored.request().client(), (client, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * Batches above {@code sequence} were rolled back (a view change undid a tentative execution):
     * their requests are pending again and must stay until they execute anew.
     */
    void unmarkExecutedAbove(long sequence) {
        var undone = executedBySequence.tailMap(sequence, false);
        for (List<Digest> digests : undone.values()) {
            for (Digest digest : digests) {
                Stored stored = requests.get(digest);
                if (stored != null) {
                    pendingByClient.merge(stored.request().client(), 1, Integer::sum);
                }
            }
        }
        undone.clear();
    }

    /** Forgets the requests executed at or below {@code stableSequence}: no correct replica needs them any more. */
    void discardExecutedUpTo(long stableSequence) {
        var covered = executedBySequence.headMap(stableSequence, true);
        covered.values().forEach(digests -> digests.forEach(requests::remove));
        covered.clear();
    }

    /** The last executed timestamp of a client lane, as the reply cache knows it. */
    @FunctionalInterface
    interface LastExecuted {
        long timestamp(int client, int lane);
    }

    /**
     * State transfer installed checkpoint {@code sequence}: forgets what executed up to it and every
     * pending body that the fetched state shows executed (its timestamp is not above its lane's last).
     */
    void discardAnsweredBy(long sequence, LastExecuted lastExecuted) {
        discardExecutedUpTo(sequence);
        requests.values().removeIf(stored -> {
            Request request = stored.request();
            if (request.timestamp() > lastExecuted.timestamp(request.client(), request.lane())) {
                return false;
            }
            pendingByClient.computeIfPresent(request.client(), (client, count) -> count > 1 ? count - 1 : null);
            return true;
        });
    }

    int size() {
        return requests.size();
    }
}
