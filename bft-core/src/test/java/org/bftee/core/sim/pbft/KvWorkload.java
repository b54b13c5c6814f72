package org.bftee.core.sim.pbft;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bftee.core.client.OperationKind;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.kv.KvOperation;

/**
 * One client's seeded key-value workload over a small key space, so that clients contend:
 * puts, gets ordered as read-write requests, gets sent as read-only requests, compare-and-sets
 * (expecting a value the client saw, or absence, so that some succeed), deletes, and puts of
 * large values that travel as large requests (above the 256-byte threshold). Every value is
 * unique in the run ({@code c<client>-<n>}), so a linearizability violation names its writer.
 */
final class KvWorkload {

    /** An operation and how the client sends it. */
    record Step(KvOperation operation, OperationKind kind) {
    }

    /** Keys {@code k0 .. k<KEYS-1>}. */
    static final int KEYS = 3;
    /** Large values are between these sizes: always above the large-request threshold. */
    static final int LARGE_VALUE_BYTES_MIN = 300;
    static final int LARGE_VALUE_BYTES_MAX = 700;

    private final int client;
    private final SplittableRandom random;
    private final Map<Bytes, Bytes> lastSeen = new HashMap<>();
    private int values;

    KvWorkload(int client, SplittableRandom random) {
        this.client = client;
        this.random = random;
    }

    static Bytes key(int index) {
        return text("k" + index);
    }

    static Bytes text(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.US_ASCII));
    }

    Step next() {
        Bytes key = key(random.nextInt(KEYS));
        int draw = random.nextInt(100);
        if (draw < 25) {
            return readWrite(new KvOperation.Put(key, freshValue(false)));
        } else if (draw < 40) {
            return readWrite(new KvOperation.Get(key));
        } else if (draw < 60) {
            return new Step(new KvOperation.Get(key), OperationKind.READ_ONLY);
        } else if (draw < 78) {
            Optional<Bytes> expected = random.nextInt(3) == 0 ? Optional.empty()
                    : Optional.ofNullable(lastSeen.get(key));
            return readWrite(new KvOperation.CompareAndSet(key, expected, freshValue(false)));
        } else if (draw < 90) {
            return readWrite(new KvOperation.Delete(key));
        }
        return readWrite(new KvOperation.Put(key, freshValue(true)));
    }

    /** Remembers what a completed operation showed of its key, for later compare-and-sets. */
    void observe(KvOperation operation, Bytes result) {
        Optional<ServiceResult> decoded = ServiceResult.decode(result);
        if (decoded.isEmpty() || decoded.get().code() != ResultCode.OK) {
            return;
        }
        if (operation instanceof KvOperation.Get get) {
            lastSeen.put(get.key(), decoded.get().payload());
        } else if (operation instanceof KvOperation.Put put) {
            lastSeen.put(put.key(), put.value());
        } else if (operation instanceof KvOperation.CompareAndSet cas) {
            lastSeen.put(cas.key(), cas.value());
        } else if (operation instanceof KvOperation.Delete delete) {
            lastSeen.remove(delete.key());
        }
    }

    private static Step readWrite(KvOperation operation) {
        return new Step(operation, OperationKind.READ_WRITE);
    }

    private Bytes freshValue(boolean large) {
        String value = "c" + client + "-" + values++;
        if (!large) {
            return text(value);
        }
        int length = LARGE_VALUE_BYTES_MIN + random.nextInt(LARGE_VALUE_BYTES_MAX - LARGE_VALUE_BYTES_MIN + 1);
        StringBuilder padded = new StringBuilder(value).append('-');
        while (padded.length() < length) {
            padded.append((char) ('a' + padded.length() % 26));
        }
        return text(padded.toString());
    }
}
