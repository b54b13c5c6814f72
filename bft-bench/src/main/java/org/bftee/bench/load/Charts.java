package org.bftee.bench.load;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG charts of results rows, two per workload:
 *
 * <ul>
 *   <li>{@code throughput-latency-<workload>.png}: median latency against throughput, a series per
 *       label (open-loop points in a series of their own), each point marked with its load;</li>
 *   <li>{@code percentiles-<workload>.png}: p50 to max of each point, on a logarithmic axis, a line
 *       per point.</li>
 * </ul>
 *
 * <p>Where a file holds a point more than once (a rerun appended), the last row counts. Headless:
 * nothing needs a display.
 */
public final class Charts {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 640;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Writes the charts of {@code rows} into {@code directory} (created if missing); returns their paths. */
    public static List<Path> write(List<ResultRow> rows, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<ResultRow>> workload : lastRowOfEachPoint(rows).entrySet()) {
            String slug = workload.getKey().replaceAll("[^A-Za-z0-9-]", "-");
            written.add(save(throughputLatency(workload.getKey(), workload.getValue()),
                    directory.resolve("throughput-latency-" + slug + ".png")));
            written.add(save(percentiles(workload.getKey(), workload.getValue()),
                    directory.resolve("percentiles-" + slug + ".png")));
        }
        return written;
    }

    /** The rows by workload, in order of appearance, one per point, each list sorted by series and load. */
    private static Map<String, List<ResultRow>> lastRowOfEachPoint(List<ResultRow> rows) {
        Map<List<Object>, ResultRow> points = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            points.put(List.of(row.workload(), row.label(), row.mode(), row.load()), row);
        }
        Map<String, List<ResultRow>> byWorkload = new LinkedHashMap<>();
        for (ResultRow row : points.values()) {
            byWorkload.computeIfAbsent(row.workload(), name -> new ArrayList<>()).add(row);
        }
        byWorkload.values().forEach(list -> list.sort(
                Comparator.comparing(Charts::series).thenComparingLong(ResultRow::load)));
        return byWorkload;
    }

    private static String series(ResultRow row) {
        return row.mode().equals("closed") ? row.label() : row.label() + " (open loop)";
    }

    private static String pointName(ResultRow row) {
        if (row.mode().equals("closed")) {
            return row.load() + (row.load() == 1 ? " client" : " clients");
        }
        return row.load() + " ops/s";
    }

    private static JFreeChart throughputLatency(String workload, List<ResultRow> rows) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        Map<String, List<String>> pointLabels = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            series.computeIfAbsent(series(row), key -> new XYSeries(key, false)).add(row.throughput(),
                    row.latencyMicros().p50());
            pointLabels.computeIfAbsent(series(row), key -> new ArrayList<>())
                    .add(row.mode().equals("closed") ? Long.toString(row.load()) : row.load() + "/s");
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        series.values().forEach(dataset::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("Workload " + workload + ": throughput and median latency",
                "throughput (operations/s)", "median latency (µs)", dataset);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        List<List<String>> labels = List.copyOf(pointLabels.values());
        renderer.setDefaultItemLabelGenerator((data, seriesIndex, item) -> labels.get(seriesIndex).get(item));
        renderer.setDefaultItemLabelsVisible(true);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    private static JFreeChart percentiles(String workload, List<ResultRow> rows) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (ResultRow row : rows) {
            String line = series(row) + ", " + pointName(row);
            LatencySummary latency = row.latencyMicros();
            // A logarithmic axis has no zero; a run that completed nothing shows at 1 µs.
            dataset.addValue(Math.max(1, latency.p50()), line, "p50");
            dataset.addValue(Math.max(1, latency.p90()), line, "p90");
            dataset.addValue(Math.max(1, latency.p99()), line, "p99");
            dataset.addValue(Math.max(1, latency.p999()), line, "p99.9");
            dataset.addValue(Math.max(1, latency.max()), line, "max");
        }
        JFreeChart chart = ChartFactory.createLineChart("Workload " + workload + ": latency percentiles", "percentile",
                "latency (µs)", dataset);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxis(logarithmicMicros());
        plot.setRenderer(new LineAndShapeRenderer(true, true));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeMinorGridlinesVisible(true);
        plot.setRangeMinorGridlinePaint(new Color(0xEEEEEE));
        return chart;
    }

    /** Ticks at the powers of ten, written as plain numbers, with a minor tick at each multiple. */
    private static LogAxis logarithmicMicros() {
        LogAxis axis = new LogAxis("latency (µs), logarithmic");
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        return axis;
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
