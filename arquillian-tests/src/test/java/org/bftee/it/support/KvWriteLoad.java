package org.bftee.it.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts {@code /kv/PREFIX-N} with the value {@link #valueOf valueOf(N)} for N = 0, 1, 2 ... one after
 * another, and remembers the keys whose write was acknowledged (HTTP 204): those the group promised
 * to keep. Any other answer, or none, is an unknown outcome: the write may have happened or not.
 */
public final class KvWriteLoad extends LoadLoop {

    private final SampleApi api;
    private final String prefix;
    private final List<Integer> acknowledged = new ArrayList<>();
    /** Unknown outcomes by HTTP status; 0 stands for a call that got no answer at all. */
    private final Map<Integer, Integer> unknownByStatus = new TreeMap<>();
    private int next;

    public KvWriteLoad(SampleApi api, String prefix) {
        super("kv-writes-" + prefix);
        this.api = api;
        this.prefix = prefix;
    }

    public static String valueOf(int key) {
        return "value-" + key;
    }

    /** The path of key {@code key}'s value in the sample's REST API. */
    public String path(int key) {
        return "/kv/" + prefix + "-" + key;
    }

    @Override
    protected void callOnce() throws InterruptedException {
        int key = next++;
        int status;
        try {
            status = api.putText(path(key), valueOf(key)).status();
        } catch (IOException noAnswer) {
            status = 0;
        }
        synchronized (this) {
            if (status == 204) {
                acknowledged.add(key);
            } else {
                unknownByStatus.merge(status, 1, Integer::sum);
            }
        }
    }

    /** The keys acknowledged so far, in the order written. */
    public synchronized List<Integer> acknowledged() {
        return List.copyOf(acknowledged);
    }

    public synchronized int acknowledgedCount() {
        return acknowledged.size();
    }

    /** The writes whose outcome is unknown, by HTTP status (0: no answer). */
    public synchronized Map<Integer, Integer> unknownByStatus() {
        return Map.copyOf(unknownByStatus);
    }
}
