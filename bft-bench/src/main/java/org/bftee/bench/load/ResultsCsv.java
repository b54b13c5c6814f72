package org.bftee.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results file: CSV with a header, one {@link ResultRow} a line, appended run after run so that
 * the points of several invocations (one per group size, say) end up in one file for the charts.
 * Fields holding a comma or a quote are quoted, with quotes doubled (RFC 4180, one line a record).
 */
public final class ResultsCsv {

    public static final String HEADER =
            "workload,n,mode,load,runs,throughput_ops_per_s,p50_us,p90_us,p99_us,p999_us,max_us,errors,skipped";
    private static final int COLUMNS = HEADER.split(",").length;

    private ResultsCsv() {
    }

    /** Appends {@code row}, writing the header first if the file is new or empty. */
    public static void append(Path file, ResultRow row) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!fresh) {
            checkHeader(file, firstLine(file));
        }
        String line = (fresh ? HEADER + "\n" : "") + format(row) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public static List<ResultRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return List.of();
        }
        checkHeader(file, lines.get(0));
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(parse(file, i + 1, lines.get(i)));
            }
        }
        return rows;
    }

    static String format(ResultRow row) {
        LatencySummary latency = row.latencyMicros();
        return String.join(",", quote(row.workload()), quote(row.label()), quote(row.mode()),
                Long.toString(row.load()), Integer.toString(row.runs()),
                String.format(Locale.ROOT, "%.1f", row.throughput()), Long.toString(latency.p50()),
                Long.toString(latency.p90()), Long.toString(latency.p99()), Long.toString(latency.p999()),
                Long.toString(latency.max()), Long.toString(row.errors()), Long.toString(row.skipped()));
    }

    private static ResultRow parse(Path file, int lineNumber, String line) throws IOException {
        List<String> fields = split(line);
        if (fields == null || fields.size() != COLUMNS) {
            throw new IOException(file + ":" + lineNumber + ": expected " + COLUMNS + " fields: " + line);
        }
        try {
            return new ResultRow(fields.get(0), fields.get(1), fields.get(2), Long.parseLong(fields.get(3)),
                    Integer.parseInt(fields.get(4)), Double.parseDouble(fields.get(5)),
                    new LatencySummary(Long.parseLong(fields.get(6)), Long.parseLong(fields.get(7)),
                            Long.parseLong(fields.get(8)), Long.parseLong(fields.get(9)), Long.parseLong(fields.get(10))),
                    Long.parseLong(fields.get(11)), Long.parseLong(fields.get(12)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ":" + lineNumber + ": " + e.getMessage() + ": " + line, e);
        }
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** The fields of one line, or null if a quote is left open. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return quoted ? null : fields;
    }

    private static String firstLine(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElse("");
        }
    }

    private static void checkHeader(Path file, String header) throws IOException {
        if (!header.equals(HEADER)) {
            throw new IOException(file + " is not a results file of this version of the tool: its header is '" + header
                    + "', expected '" + HEADER + "'");
        }
    }
}
