package org.bftee.core.service.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * The key-value store's named limits. All replicas of a group must use the same values, since they
 * decide results. Validated when built.
 *
 * @param keyBytesMax    bytes of a key (and of a scan prefix or start key)
 * @param valueBytesMax  bytes of a value
 * @param scanResultsMax entries returned by one scan, whatever the request asks for
 * @param scanBytesMax   bytes of one scan's result payload; must hold at least one largest entry
 */
public record KvLimits(int keyBytesMax, int valueBytesMax, int scanResultsMax, int scanBytesMax) {

    /** Ceiling on keys: the wire format gives them a 16-bit length. */
    public static final int KEY_BYTES_ABSOLUTE_MAX = 0xFFFF;

    /** Ceiling on a scan's requested result count: the wire format gives it 16 bits. */
    public static final int SCAN_RESULTS_ABSOLUTE_MAX = 0xFFFF;

    /** Ceiling on values and scan results, whatever the configuration says. */
    public static final int BYTES_ABSOLUTE_MAX = 16 * 1024 * 1024;

    public KvLimits {
        List<String> problems = new ArrayList<>();
        within(problems, "key-bytes-max", keyBytesMax, KEY_BYTES_ABSOLUTE_MAX);
        within(problems, "value-bytes-max", valueBytesMax, BYTES_ABSOLUTE_MAX);
        within(problems, "scan-results-max", scanResultsMax, SCAN_RESULTS_ABSOLUTE_MAX);
        within(problems, "scan-bytes-max", scanBytesMax, BYTES_ABSOLUTE_MAX);
        // A scan must be able to return the largest entry, or a client could never page past it.
        long largestScan = KvScanResult.HEADER_BYTES + KvScanResult.entryBytes(keyBytesMax, valueBytesMax);
        if (problems.isEmpty() && scanBytesMax < largestScan) {
            problems.add("scan-bytes-max (" + scanBytesMax + ") must hold one largest entry (" + largestScan + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Keys up to 256 bytes, values up to 16 KiB, scans up to 128 entries and 256 KiB. */
    public static KvLimits defaults() {
        return new KvLimits(256, 16 * 1024, 128, 256 * 1024);
    }

    private static void within(List<String> problems, String name, int value, int max) {
        if (value <= 0 || value > max) {
            problems.add(name + " must be in [1, " + max + "], got " + value);
        }
    }
}
