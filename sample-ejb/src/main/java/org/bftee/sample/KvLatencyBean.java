package org.bftee.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ResourceException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftConnectionFactory;

/**
 * Times key-value calls made the way an enterprise bean makes them: for each call the bean takes a
 * connection from the factory at {@code java:/eis/bft}, puts or gets, and closes it, and
 * {@link System#nanoTime()} is read around exactly that, inside the application server. One call at
 * a time from one container thread (a closed loop with one outstanding operation), so the figures
 * are latencies, not a throughput test. Each round puts a value under one of
 * {@value #KEYS} keys and gets it back, with the read-only optimisation; the get must return what
 * the put wrote, or the measurement fails.
 *
 * <p>Comparing a group of four replicas with a group of one ({@code f = 0}) gives the paper's
 * replicated-versus-unreplicated ratio, measured end to end from an EJB.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KvLatencyBean {

    private static final System.Logger LOG = System.getLogger(KvLatencyBean.class.getName());
    /** Largest number of timed rounds (or warm-up rounds) one measurement runs. */
    static final int CALLS_MAX = 100_000;
    /** Largest value written, in bytes; the store's own limit may be lower. */
    static final int VALUE_BYTES_MAX = 4096;
    /** The distinct keys the rounds cycle through, under {@value #KEY_PREFIX}. */
    static final int KEYS = 64;
    static final String KEY_PREFIX = "bft-sample/latency/";

    @Resource(lookup = "java:/eis/bft")
    private BftConnectionFactory connectionFactory;

    /**
     * Runs {@code warmup} untimed rounds, then {@code calls} timed ones, each a put and a get.
     *
     * @param valueBytes the size of each value put (ASCII)
     * @throws ResourceException at the first call the group fails (no partial figures)
     */
    public KvLatency measure(int calls, int warmup, int valueBytes) throws ResourceException {
        requireIn("calls", calls, 1, CALLS_MAX);
        requireIn("warmup", warmup, 0, CALLS_MAX);
        requireIn("valueBytes", valueBytes, 1, VALUE_BYTES_MAX);
        long[] putMicros = new long[calls];
        long[] getMicros = new long[calls];
        long started = System.nanoTime();
        for (int round = 0; round < warmup + calls; round++) {
            byte[] key = utf8(KEY_PREFIX + (round % KEYS));
            byte[] value = value(round, valueBytes);
            long beforePut = System.nanoTime();
            put(key, value);
            long afterPut = System.nanoTime();
            Optional<byte[]> read = get(key);
            long afterGet = System.nanoTime();
            if (read.isEmpty() || !Arrays.equals(read.get(), value)) {
                throw new IllegalStateException("the get of round " + round + " did not return the value its put wrote");
            }
            if (round >= warmup) {
                putMicros[round - warmup] = (afterPut - beforePut) / 1_000;
                getMicros[round - warmup] = (afterGet - afterPut) / 1_000;
            }
        }
        KvLatency latency = KvLatency.of(calls, warmup, valueBytes, putMicros, getMicros,
                (System.nanoTime() - started) / 1e9);
        LOG.log(Level.INFO, "kv latency: {0}", latency);
        return latency;
    }

    private void put(byte[] key, byte[] value) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            connection.kv().put(key, value);
        }
    }

    private Optional<byte[]> get(byte[] key) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.kv().get(key);
        }
    }

    /** A value of {@code size} bytes that differs from round to round. */
    private static byte[] value(int round, int size) {
        byte[] value = new byte[size];
        byte[] stamp = Integer.toString(round).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(value, (byte) 'v');
        System.arraycopy(stamp, 0, value, 0, Math.min(stamp.length, size));
        return value;
    }

    private static void requireIn(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
