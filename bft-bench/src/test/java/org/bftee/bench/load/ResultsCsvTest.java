package org.bftee.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {

    @TempDir
    Path directory;

    private static LoadResult result(double throughput, long p50, long failures, long skipped) {
        return new LoadResult("0/0", new LoadMode.ClosedLoop(16), Duration.ofSeconds(10), (long) (throughput * 10),
                throughput, new LatencySummary(p50, p50 * 2, p50 * 3, p50 * 4, p50 * 5),
                failures == 0 ? Map.of() : Map.of("java.util.concurrent.TimeoutException", failures), skipped, 0);
    }

    @Test
    void rowsSurviveTheRoundTripIncludingQuotedLabels() throws IOException {
        Path csv = directory.resolve("results.csv");
        ResultRow plain = new ResultRow("4K/0", "n=4", "closed", 16, 3, 1234.5, new LatencySummary(10, 20, 30, 40, 50),
                2, 0);
        ResultRow quoted = new ResultRow("kv-mix", "n=7, \"wan\"", "open", 5000, 1, 4999.9,
                new LatencySummary(1, 2, 3, 4, 5), 0, 17);

        ResultsCsv.append(csv, plain);
        ResultsCsv.append(csv, quoted);

        assertEquals(List.of(plain, quoted), ResultsCsv.read(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(ResultsCsv.HEADER, lines.get(0));
        assertEquals(3, lines.size());
    }

    @Test
    void aRowIsTheMedianOfItsRepeatsWithErrorsSummed() {
        ResultRow row = ResultRow.of("n=4", List.of(result(100, 10, 1, 0), result(300, 30, 0, 2),
                result(200, 20, 2, 0)));

        assertEquals(200, row.throughput());
        assertEquals(new LatencySummary(20, 40, 60, 80, 100), row.latencyMicros());
        assertEquals(3, row.runs());
        assertEquals(3, row.errors());
        assertEquals(2, row.skipped());
        assertEquals("closed", row.mode());
        assertEquals(16, row.load());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        ResultRow row = ResultRow.of("n=4", List.of(result(100, 10, 0, 0), result(200, 21, 0, 0)));

        assertEquals(150, row.throughput());
        assertEquals(16, row.latencyMicros().p50());
    }

    @Test
    void aFileWithAnotherHeaderIsRefusedRatherThanExtended() throws IOException {
        Path csv = directory.resolve("other.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n");

        IOException failure = assertThrows(IOException.class, () -> ResultsCsv.append(csv,
                new ResultRow("0/0", "n=4", "closed", 1, 1, 1, new LatencySummary(1, 1, 1, 1, 1), 0, 0)));

        assertTrue(failure.getMessage().contains("is not a results file"), failure.getMessage());
        assertEquals("a,b,c\n1,2,3\n", Files.readString(csv));
    }

    @Test
    void aMalformedLineIsReportedWithItsNumber() throws IOException {
        Path csv = directory.resolve("broken.csv");
        Files.writeString(csv, ResultsCsv.HEADER + "\n0/0,n=4,closed,1,1,12.0,1,2,3,4,5,0,0\n0/0,n=4,closed,x\n");

        IOException failure = assertThrows(IOException.class, () -> ResultsCsv.read(csv));

        assertTrue(failure.getMessage().contains("broken.csv:3"), failure.getMessage());
    }
}
