package org.bftee.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;

/**
 * The standard workloads, all made of operations of bft-core's key-value service ({@link
 * org.bftee.core.service.kv.KvService}), so that the replicas execute them and their results have
 * the size the name promises:
 *
 * <ul>
 *   <li>{@code 0/0}: a get of a key that is never written, sent read-write: it goes through the
 *       whole agreement, changes no state, and answers {@code NOT_FOUND} (a status byte and no
 *       payload). A get rather than a tiny put, so that it is the null operation of the BFT
 *       papers and differs from {@code ro-0/0} only in the path it takes.</li>
 *   <li>{@code ro-0/0}: the same get, read-only.</li>
 *   <li>{@code 4K/0}: a put of a 4 KiB value to one key, answered {@code OK} with no payload.</li>
 *   <li>{@code 0/4K}: a get, read-write, of a key whose 4 KiB value the setup puts.</li>
 *   <li>{@code kv-mix}: {@value #KV_MIX_READ_ONLY_PERCENT}% read-only gets and the rest puts of
 *       {@value #KV_MIX_VALUE_BYTES}-byte values, over {@value #KV_MIX_KEYS} keys that the setup
 *       fills, each client with its own seeded random sequence.</li>
 * </ul>
 *
 * <p>Every key starts with {@code bench/}, and the largest value is 4 KiB: the service's default
 * limits ({@code KvLimits.defaults()}: values up to 16 KiB) and state ({@code
 * ObjectStoreLimits.defaults()}: 4096 objects of 64 KiB) hold them all.
 */
public final class Workloads {

    public static final int FOUR_KIB = 4096;
    public static final int KV_MIX_KEYS = 1000;
    public static final int KV_MIX_VALUE_BYTES = 128;
    public static final int KV_MIX_READ_ONLY_PERCENT = 90;
    /** Fixed so that every run of the mix sends the same sequences. */
    public static final long KV_MIX_SEED = 0x5EED_BF7EL;

    private static final Map<String, Workload> STANDARD = standardByName();

    private Workloads() {
    }

    /** The standard workloads by name, in the order above. */
    public static Map<String, Workload> standard() {
        return STANDARD;
    }

    public static Optional<Workload> named(String name) {
        return Optional.ofNullable(STANDARD.get(name));
    }

    /** One line on what a standard workload sends, for the command line's help. */
    public static String description(String name) {
        return switch (name) {
            case "0/0" -> "get of an absent key, read-write: the null operation";
            case "ro-0/0" -> "get of an absent key, read-only";
            case "4K/0" -> "put of a 4 KiB value";
            case "0/4K" -> "get, read-write, of a 4 KiB value the setup puts";
            case "kv-mix" -> KV_MIX_READ_ONLY_PERCENT + "% read-only gets, the rest puts of " + KV_MIX_VALUE_BYTES
                    + "-byte values, over " + KV_MIX_KEYS + " keys the setup fills";
            default -> throw new IllegalArgumentException("no standard workload is named " + name);
        };
    }

    private static Map<String, Workload> standardByName() {
        Operation getAbsent = get("bench/absent");
        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (Workload workload : List.of(
                new Workload("0/0", 0, 0, false, List.of(), OperationSource.constant(getAbsent)),
                new Workload("ro-0/0", 0, 0, true, List.of(),
                        OperationSource.constant(new Operation(getAbsent.bytes(), true))),
                new Workload("4K/0", FOUR_KIB, 0, false, List.of(),
                        OperationSource.constant(put("bench/4K-0", value(FOUR_KIB, 1)))),
                new Workload("0/4K", 0, FOUR_KIB, false, List.of(put("bench/0-4K", value(FOUR_KIB, 2))),
                        OperationSource.constant(get("bench/0-4K"))),
                kvMix())) {
            workloads.put(workload.name(), workload);
        }
        return Collections.unmodifiableMap(workloads);
    }

    private static Workload kvMix() {
        Operation[] gets = new Operation[KV_MIX_KEYS];
        Operation[] puts = new Operation[KV_MIX_KEYS];
        for (int key = 0; key < KV_MIX_KEYS; key++) {
            String name = String.format("bench/kv/%04d", key);
            gets[key] = new Operation(get(name).bytes(), true);
            puts[key] = put(name, value(KV_MIX_VALUE_BYTES, key));
        }
        OperationSource.Factory operations = clientIndex -> {
            SplittableRandom random = new SplittableRandom(KV_MIX_SEED + clientIndex * 0x9E3779B97F4A7C15L);
            return () -> {
                int key = random.nextInt(KV_MIX_KEYS);
                return random.nextInt(100) < KV_MIX_READ_ONLY_PERCENT ? gets[key] : puts[key];
            };
        };
        List<Operation> setup = IntStream.range(0, KV_MIX_KEYS).mapToObj(key -> puts[key]).toList();
        return new Workload("kv-mix", KV_MIX_VALUE_BYTES, KV_MIX_VALUE_BYTES, false, setup, operations);
    }

    private static Operation get(String key) {
        return new Operation(KvOperations.encode(new KvOperation.Get(text(key))).toByteArray(), false);
    }

    private static Operation put(String key, byte[] value) {
        return new Operation(KvOperations.encode(new KvOperation.Put(text(key), Bytes.wrap(value))).toByteArray(),
                false);
    }

    private static Bytes text(String text) {
        return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A value whose bytes depend on {@code seed}, so that different keys do not hold equal values. */
    private static byte[] value(int length, int seed) {
        byte[] value = new byte[length];
        new SplittableRandom(seed).nextBytes(value);
        return value;
    }
}
