package org.bftee.core.replica;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The requests a backup knows of and waits to see executed and committed: while there is one, its view-change
 * timer runs (PROTOCOL.md, "Trigger"). One entry per client lane (the newest timestamp), at most
 * a named number of them, so a flood of requests costs bounded memory; a request that does not
 * fit is still forwarded, it just does not arm the timer on its own.
 */
final class RequestWaits {

    private record Lane(int client, int lane) {
    }

    private final int capacity;
    private final Map<Lane, Long> waiting = new HashMap<>();

    RequestWaits(int capacity) {
        this.capacity = capacity;
    }

    /** Starts waiting for {@code (client, lane, timestamp)}; false if the table is full. */
    boolean await(int client, int lane, long timestamp) {
        Lane key = new Lane(client, lane);
        Long known = waiting.get(key);
        if (known != null) {
            waiting.put(key, Math.max(known, timestamp));
            return true;
        }
        if (waiting.size() >= capacity) {
            return false;
        }
        waiting.put(key, timestamp);
        return true;
    }

    /**
     * Drops the waits that {@code cache} shows executed in a batch at or below {@code lastCommitted};
     * returns how many ended. A request executed only tentatively is still waited for: its batch may
     * never commit (a quorum of the view's replicas may not be there to commit it), and a timer
     * stopped by it would leave the group stuck in that view for good.
     */
    int endCommitted(ReplyCache cache, long lastCommitted, java.util.function.IntConsumer endedFor) {
        int ended = 0;
        for (Iterator<Map.Entry<Lane, Long>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Lane, Long> entry = it.next();
            ReplyCache.Entry last = cache.last(entry.getKey().client(), entry.getKey().lane());
            if (last != null && last.timestamp() >= entry.getValue() && last.sequence() <= lastCommitted) {
                it.remove();
                ended++;
                endedFor.accept(entry.getKey().client());
            }
        }
        return ended;
    }

    /** Calls {@code action} with the client of every wait (once per lane). */
    void forEachClient(java.util.function.IntConsumer action) {
        for (Lane lane : waiting.keySet()) {
            action.accept(lane.client());
        }
    }

    /** Stops waiting for any request of {@code client}. */
    void forgetClient(int client) {
        waiting.keySet().removeIf(lane -> lane.client() == client);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    void clear() {
        waiting.clear();
    }
}
