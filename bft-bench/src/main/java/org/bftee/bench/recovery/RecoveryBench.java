package org.bftee.bench.recovery;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.bftee.bench.load.CommandLine;
import org.bftee.bench.load.UsageException;

/**
 * Recovery figures on real sockets with the in-process group (issue 8):
 * {@code java -Xmx16g -cp bft-bench/target/benchmarks.jar org.bftee.bench.recovery.RecoveryBench --help}.
 * Part {@code sweep}: for each state size, the time a replica restarted from its state directory (and
 * from an empty one) takes to restore and to catch up, and the bytes state transfer moved against the
 * bytes that changed ({@link CatchUpRun}). Part {@code load}: the group's throughput while one replica
 * recovers proactively, against its throughput before, from one run ({@link RecoveryUnderLoadRun}).
 * Each point is the median of {@code --runs} runs, each column's median on its own. Exit status 0
 * success, 1 failure, 2 wrong usage.
 */
public final class RecoveryBench {

    private static final String SWEEP_HEADER = "date,state_mib,object_bytes,objects_changed,bytes_changed,directory,"
            + "runs,restore_ms,fetch_start_ms,catch_up_ms,bytes_differing,bytes_fetched,fetched_per_differing,"
            + "checkpoints_fetched";
    private static final String LOAD_HEADER = "date,state_mib,object_bytes,lanes,recovering_replica,runs,"
            + "before_ops_per_s,during_ops_per_s,two_seconds_ops_per_s,after_ops_per_s,during_per_before,"
            + "two_seconds_per_before,recovery_ms,window_ms,errors";
    private static final long MIB = 1024 * 1024;
    private static final List<String> OPTIONS = List.of("parts", "sizes-mib", "object-bytes", "changed-percent",
            "directories", "runs", "load-state-mib", "load-lanes", "load-recover", "warmup", "duration", "state-root",
            "csv", "load-csv", "seed", "help");

    private RecoveryBench() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            CommandLine options = CommandLine.parse(args, List.of("help"));
            for (String name : options.names()) {
                if (!OPTIONS.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
            }
            if (options.has("help")) {
                out.print(help());
                return 0;
            }
            List<String> parts = options.list("parts", "sweep,load");
            if (parts.contains("sweep")) {
                sweep(options, out, err);
            }
            if (parts.contains("load")) {
                load(options, out, err);
            }
            return 0;
        } catch (UsageException e) {
            err.println("recovery-bench: " + e.getMessage() + " (see --help)");
            return 2;
        } catch (Exception e) {
            err.println("recovery-bench: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static void sweep(CommandLine options, PrintStream out, PrintStream err) throws Exception {
        int objectBytes = objectBytes(options);
        double changedShare = changedPercent(options) / 100;
        int runs = (int) options.number("runs", 3, 1, 100);
        long seed = options.number("seed", 1, 1, Long.MAX_VALUE);
        Path stateRoot = Path.of(options.text("state-root", "/tmp/bft-recovery-bench"));
        out.println("| state | objects changed | directory | restore ms | fetch starts ms | catch-up ms"
                + " | bytes differing | bytes fetched | fetched / differing |");
        for (long sizeMib : options.numbers("sizes-mib", "1,100,1024", 1, 16L * 1024)) {
            for (String directory : options.list("directories", "stored,empty")) {
                boolean empty = switch (directory) {
                    case "stored" -> false;
                    case "empty" -> true;
                    default -> throw new UsageException("--directories takes stored and empty, not " + directory);
                };
                List<CatchUpRun> repeats = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    CatchUpRun result = CatchUpRun.measure(sizeMib * MIB, objectBytes, changedShare, empty,
                            seed + run * 1000L, stateRoot);
                    err.printf(Locale.ROOT, "%d MiB %s, run %d of %d: %s%n", sizeMib, directory, run, runs, result);
                    repeats.add(result);
                    System.gc();
                }
                CatchUpRun first = repeats.get(0);
                long restore = (long) median(repeats, CatchUpRun::restoreMillis);
                long fetchStart = (long) median(repeats, CatchUpRun::fetchStartMillis);
                long catchUp = (long) median(repeats, CatchUpRun::catchUpMillis);
                long fetched = (long) median(repeats, CatchUpRun::bytesFetched);
                double ratio = median(repeats, CatchUpRun::ratio);
                long checkpoints = (long) median(repeats, CatchUpRun::checkpointsFetched);
                out.printf(Locale.ROOT, "| %,d MiB | %,d | %s | %,d | %,d | %,d | %,d | %,d | %.2f |%n", sizeMib,
                        first.changedObjects(), directory, restore, fetchStart, catchUp, first.differingBytes(),
                        fetched, ratio);
                options.text("csv").ifPresent(file -> append(Path.of(file), SWEEP_HEADER, String.join(",",
                        LocalDate.now().toString(), Long.toString(sizeMib), Integer.toString(objectBytes),
                        Integer.toString(first.changedObjects()), Long.toString(first.changedBytes()), directory,
                        Integer.toString(runs), Long.toString(restore), Long.toString(fetchStart),
                        Long.toString(catchUp), Long.toString(first.differingBytes()), Long.toString(fetched),
                        String.format(Locale.ROOT, "%.3f", ratio), Long.toString(checkpoints))));
            }
        }
    }

    private static void load(CommandLine options, PrintStream out, PrintStream err) throws Exception {
        int objectBytes = objectBytes(options);
        long stateMib = options.number("load-state-mib", 100, 1, 16L * 1024);
        int lanes = (int) options.number("load-lanes", 8, 1, 64);
        int runs = (int) options.number("runs", 3, 1, 100);
        long seed = options.number("seed", 1, 1, Long.MAX_VALUE);
        Duration warmUp = options.duration("warmup", Duration.ofSeconds(3), Duration.ZERO, Duration.ofMinutes(10));
        Duration measured = options.duration("duration", Duration.ofSeconds(20), Duration.ofSeconds(2),
                Duration.ofMinutes(60));
        Path stateRoot = Path.of(options.text("state-root", "/tmp/bft-recovery-bench"));
        out.println("| state | lanes | recovering | before ops/s | during ops/s | during / before | 2 s from start"
                + " ops/s | 2 s / before | after ops/s | recovery ms |");
        for (long recovering : options.numbers("load-recover", "3,0", 0, 3)) {
            List<RecoveryUnderLoadRun> repeats = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                RecoveryUnderLoadRun result = RecoveryUnderLoadRun.measure(stateMib * MIB, objectBytes, lanes,
                        (int) recovering, warmUp, measured, seed + run * 1000L, stateRoot);
                err.printf(Locale.ROOT, "%d MiB, replica %d recovering, run %d of %d: %s%n", stateMib, recovering, run,
                        runs, result);
                repeats.add(result);
                System.gc();
            }
            double before = median(repeats, RecoveryUnderLoadRun::beforeOpsPerSecond);
            double during = median(repeats, RecoveryUnderLoadRun::duringOpsPerSecond);
            double twoSeconds = median(repeats, RecoveryUnderLoadRun::twoSecondsOpsPerSecond);
            double after = median(repeats, RecoveryUnderLoadRun::afterOpsPerSecond);
            double ratio = median(repeats, RecoveryUnderLoadRun::ratio);
            double twoSecondsRatio = median(repeats, RecoveryUnderLoadRun::twoSecondsRatio);
            long recoveryMillis = (long) median(repeats, RecoveryUnderLoadRun::recoveryMillis);
            long window = (long) median(repeats, RecoveryUnderLoadRun::windowMillis);
            long errors = repeats.stream().mapToLong(RecoveryUnderLoadRun::errors).sum();
            out.printf(Locale.ROOT, "| %,d MiB | %d | %d%s | %,.0f | %,.0f | %.2f | %,.0f | %.2f | %,.0f | %,d |%n",
                    stateMib, lanes, recovering, recovering == 0 ? " (primary)" : "", before, during, ratio, twoSeconds,
                    twoSecondsRatio, after, recoveryMillis);
            options.text("load-csv").ifPresent(file -> append(Path.of(file), LOAD_HEADER, String.join(",",
                    LocalDate.now().toString(), Long.toString(stateMib), Integer.toString(objectBytes),
                    Integer.toString(lanes), Long.toString(recovering), Integer.toString(runs),
                    String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%.3f,%.3f", before, during, twoSeconds, after,
                            ratio, twoSecondsRatio),
                    Long.toString(recoveryMillis), Long.toString(window), Long.toString(errors))));
        }
    }

    private static int objectBytes(CommandLine options) {
        return (int) options.number("object-bytes", 4096, 1, 16 * MIB);
    }

    private static double changedPercent(CommandLine options) {
        String text = options.text("changed-percent", "1");
        try {
            double percent = Double.parseDouble(text);
            if (percent > 0 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new UsageException("--changed-percent must be a number in (0, 100], got " + text);
    }

    private static <T> double median(List<T> runs, ToDoubleFunction<T> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Appends {@code line} to {@code file}, after {@code header} if the file is new. */
    private static void append(Path file, String header, String line) {
        try {
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            Files.writeString(file, (fresh ? header + "\n" : "") + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String help() {
        return String.join("\n",
                "usage: java -Xmx16g -cp benchmarks.jar org.bftee.bench.recovery.RecoveryBench [options]",
                "",
                "A group of four replicas in this JVM on loopback (f = 1, default protocol limits and timeouts,",
                "checkpoints written under --state-root), running a service of N objects whose writes the",
                "benchmark chooses. Every point is the median of --runs runs; progress goes to standard error.",
                "",
                "  --parts LIST            sweep, load or both (default sweep,load)",
                "  --sizes-mib LIST        sweep: state sizes in MiB (default 1,100,1024)",
                "  --changed-percent P     sweep: objects rewritten while replica 3 is down (default 1)",
                "  --directories LIST      sweep: restart from the stored state, an emptied directory, or both",
                "                          (default stored,empty)",
                "  --object-bytes N        bytes of each object (default 4096)",
                "  --load-state-mib N      load: state size (default 100)",
                "  --load-lanes N          load: lanes of the client session, a closed-loop thread each (default 8)",
                "  --load-recover LIST     load: the replica to recover, one point each (default 3,0; 0 is the primary)",
                "  --warmup DURATION       load: before measuring (default 3s)",
                "  --duration DURATION     load: measured period; the recovery starts halfway (default 20s)",
                "  --runs N                runs of each point (default 3)",
                "  --seed N                first seed of the values written (default 1)",
                "  --state-root DIR        where the replicas write their checkpoints (default",
                "                          /tmp/bft-recovery-bench; emptied before and after each run)",
                "  --csv FILE              sweep: append a row per point (created with a header)",
                "  --load-csv FILE         load: append a row per point",
                "  --help                  this text",
                "");
    }
}
