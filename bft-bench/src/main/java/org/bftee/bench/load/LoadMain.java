package org.bftee.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end load generator's command line:
 * {@code java -cp bft-bench/target/benchmarks.jar org.bftee.bench.load.LoadMain --help}. For each
 * workload it runs the setup once, then each point (a client count, or a rate) {@code --runs} times,
 * prints the median row, appends it to {@code --csv} and finally draws the charts. Exit status 0
 * success, 1 failure, 2 wrong usage.
 */
public final class LoadMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private LoadMain() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(List.of(args), System.out, System.err, LoadTargetFactories.standard()));
    }

    /** Runs the command line {@code args}; returns the exit status. Never calls {@code System.exit}. */
    public static int run(List<String> args, PrintStream out, PrintStream err, LoadTargetFactories targets) {
        try {
            CommandLine options = CommandLine.parse(args, List.of("help"));
            if (options.has("help")) {
                out.print(help(targets));
                return EXIT_OK;
            }
            LoadSettings settings = LoadSettings.parse(options, targets);
            try (LoadTargetFactory factory = targets.provider(settings.target()).orElseThrow().open(options)) {
                List<ResultRow> rows = measure(settings, factory, out, err);
                if (settings.chartsDir().isPresent()) {
                    List<ResultRow> charted = settings.csv().isPresent() ? ResultsCsv.read(settings.csv().get()) : rows;
                    for (Path chart : Charts.write(charted, settings.chartsDir().get())) {
                        out.println("wrote " + chart);
                    }
                }
            }
            return EXIT_OK;
        } catch (UsageException e) {
            err.println("load: " + e.getMessage());
            err.println("run with --help for the options");
            return EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("load: interrupted");
            return EXIT_FAILURE;
        } catch (Exception e) {
            err.println("load: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private static List<ResultRow> measure(LoadSettings settings, LoadTargetFactory factory, PrintStream out,
            PrintStream err) throws LoadException, InterruptedException, IOException {
        LoadGenerator generator = new LoadGenerator(err);
        List<ResultRow> rows = new ArrayList<>();
        for (Workload workload : settings.workloads()) {
            generator.setUp(workload, factory);
            for (LoadMode mode : settings.modes()) {
                LoadPlan plan = new LoadPlan(workload, mode, settings.warmUp(), settings.measured(),
                        settings.drainTimeout());
                List<LoadResult> repeats = new ArrayList<>();
                for (int run = 1; run <= settings.runs(); run++) {
                    LoadResult result = generator.run(plan, factory);
                    reportRepeat(err, run, settings.runs(), result);
                    repeats.add(result);
                }
                ResultRow row = ResultRow.of(settings.label(), repeats);
                out.println(summary(row));
                if (settings.csv().isPresent()) {
                    ResultsCsv.append(settings.csv().get(), row);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void reportRepeat(PrintStream err, int run, int runs, LoadResult result) {
        err.println(String.format(Locale.ROOT, "run %d of %d: %,.1f ops/s, p50 %d us, %d errors, %d skipped", run, runs,
                result.throughput(), result.latencyMicros().p50(), result.errors(), result.skipped()));
        if (!result.failures().isEmpty() || result.unfinished() > 0) {
            err.println("  failures " + result.failures() + ", unfinished " + result.unfinished());
        }
    }

    static String summary(ResultRow row) {
        LatencySummary latency = row.latencyMicros();
        return String.format(Locale.ROOT,
                "%s %s %s %d: %,.1f ops/s; latency us p50 %d p90 %d p99 %d p99.9 %d max %d; errors %d, skipped %d%s",
                row.workload(), row.label(), row.mode(), row.load(), row.throughput(), latency.p50(), latency.p90(),
                latency.p99(), latency.p999(), latency.max(), row.errors(), row.skipped(),
                row.runs() > 1 ? " (median of " + row.runs() + " runs)" : "");
    }

    static String help(LoadTargetFactories targets) {
        StringBuilder help = new StringBuilder(String.join("\n",
                "usage: java -cp benchmarks.jar org.bftee.bench.load.LoadMain [options]",
                "",
                "Drives a replicated service with a closed loop (clients back to back) or an open loop (a fixed",
                "rate); for each workload and point prints throughput and latency percentiles, the median of",
                "--runs repeats. Progress goes to standard error once a second.",
                "",
                "options:",
                "  --target NAME            what to drive (default echo); see the targets below",
                "  --workload LIST          workloads, comma-separated (default 0/0); see below",
                "  --clients LIST           closed loop: client counts, one point each (default " + LoadSettings.DEFAULT_CLIENTS + ")",
                "  --rate LIST              open loop instead: rates in operations/s, one point each",
                "  --open-clients N         open loop: clients the rate is spread over (default "
                        + LoadSettings.DEFAULT_OPEN_CLIENTS + ")",
                "  --outstanding-max N      open loop: operations in flight at most; more are skipped and counted",
                "                           (default " + LoadSettings.DEFAULT_OUTSTANDING_MAX + ")",
                "  --warmup DURATION        before measuring, not measured (default " + seconds(LoadSettings.DEFAULT_WARM_UP)
                        + "); durations: 500ms, 20s, 2m",
                "  --duration DURATION      measured period of each run (default " + seconds(LoadSettings.DEFAULT_MEASURED)
                        + ")",
                "  --drain-timeout DURATION wait for operations in flight after it (default "
                        + seconds(LoadSettings.DEFAULT_DRAIN_TIMEOUT) + "); then unfinished",
                "  --runs N                 repeats of each point, reported as their median (default 1)",
                "  --csv FILE               append a row per point to FILE (created with a header)",
                "  --charts-dir DIR         write PNG charts there: of all rows of --csv if given, else of this run",
                "  --label TEXT             the system's label in the rows and charts, e.g. n=4 (default: the target)",
                "  --help                   this text",
                "",
                "workloads:",
                ""));
        Workloads.standard().keySet().forEach(name -> help.append(String.format(Locale.ROOT, "  %-8s %s%n", name,
                Workloads.description(name))));
        help.append("\ntargets:\n");
        for (Map.Entry<String, TargetProvider> target : targets.providers().entrySet()) {
            help.append(String.format(Locale.ROOT, "  %-8s %s%n", target.getKey(), target.getValue().description()));
            target.getValue().options().forEach((name, text) -> help.append(String.format(Locale.ROOT,
                    "    --%-21s %s%n", name, text)));
        }
        return help.toString();
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
