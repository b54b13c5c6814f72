package org.bftee.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    Path directory;

    private static ResultRow row(String workload, String label, String mode, long load, double throughput, long p50) {
        return new ResultRow(workload, label, mode, load, 1, throughput,
                new LatencySummary(p50, p50 * 2, p50 * 4, p50 * 8, p50 * 10), 0, 0);
    }

    @Test
    void writesTwoNonEmptyPngFilesPerWorkload() throws IOException {
        List<ResultRow> rows = new ArrayList<>();
        for (String label : List.of("n=4", "n=7")) {
            for (int clients : new int[] {1, 4, 16, 64}) {
                rows.add(row("0/4K", label, "closed", clients, 900.0 * clients / (1 + clients / 16.0),
                        500 + 40L * clients));
            }
        }
        rows.add(row("0/4K", "n=4", "open", 2_000, 1_990, 700));
        rows.add(row("kv-mix", "n=4", "closed", 8, 5_000, 0));

        List<Path> written = Charts.write(rows, directory.resolve("charts"));

        assertEquals(List.of("throughput-latency-0-4K.png", "percentiles-0-4K.png", "throughput-latency-kv-mix.png",
                "percentiles-kv-mix.png"), written.stream().map(path -> path.getFileName().toString()).toList());
        for (Path file : written) {
            assertTrue(Files.size(file) > 1_000, file + " has " + Files.size(file) + " bytes");
            try (InputStream in = Files.newInputStream(file)) {
                assertArrayEquals(PNG_SIGNATURE, in.readNBytes(PNG_SIGNATURE.length), file.toString());
            }
        }
    }
}
