package org.bftee.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link LoadMain} was asked to do, checked in full before anything runs: a mistake in the
 * last option should not surface after an hour of measuring.
 */
record LoadSettings(String target, List<Workload> workloads, List<LoadMode> modes, Duration warmUp,
        Duration measured, Duration drainTimeout, int runs, Optional<Path> csv, Optional<Path> chartsDir,
        String label) {

    static final int RUNS_MAX = 100;
    static final String DEFAULT_CLIENTS = "1,4,16,64";
    static final int DEFAULT_OPEN_CLIENTS = 4;
    static final int DEFAULT_OUTSTANDING_MAX = 1000;
    static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(5);
    static final Duration DEFAULT_MEASURED = Duration.ofSeconds(20);
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    /** The tool's own options; targets add theirs. */
    static final Set<String> OPTIONS = Set.of("help", "target", "workload", "clients", "rate", "open-clients",
            "outstanding-max", "warmup", "duration", "drain-timeout", "runs", "csv", "charts-dir", "label");

    static LoadSettings parse(CommandLine options, LoadTargetFactories targets) {
        String target = options.text("target", "echo");
        if (targets.provider(target).isEmpty()) {
            throw new UsageException("unknown target '" + target + "'; the targets are " + targets.providers().keySet());
        }
        checkNames(options, targets, target);
        List<Workload> workloads = new ArrayList<>();
        for (String name : options.list("workload", "0/0")) {
            workloads.add(Workloads.named(name).orElseThrow(() -> new UsageException("unknown workload '" + name
                    + "'; the workloads are " + Workloads.standard().keySet())));
        }
        Duration warmUp = options.duration("warmup", DEFAULT_WARM_UP, Duration.ZERO, LoadPlan.PERIOD_MAX);
        Duration measured = options.duration("duration", DEFAULT_MEASURED, Duration.ofMillis(1), LoadPlan.PERIOD_MAX);
        Duration drain = options.duration("drain-timeout", DEFAULT_DRAIN_TIMEOUT, Duration.ZERO, LoadPlan.PERIOD_MAX);
        int runs = (int) options.number("runs", 1, 1, RUNS_MAX);
        String label = options.text("label", target);
        if (label.contains(",") || label.contains("\"")) {
            throw new UsageException("option --label: '" + label + "' holds a comma or a quote; write it without");
        }
        return new LoadSettings(target, List.copyOf(workloads), modes(options), warmUp, measured, drain, runs,
                options.text("csv").map(Path::of), options.text("charts-dir").map(Path::of), label);
    }

    /** Every option is the tool's or the chosen target's; another target's option is named as such. */
    private static void checkNames(CommandLine options, LoadTargetFactories targets, String target) {
        for (String name : options.names()) {
            if (OPTIONS.contains(name) || targets.provider(target).orElseThrow().options().containsKey(name)) {
                continue;
            }
            Optional<String> owner = targets.ownerOf(name);
            if (owner.isPresent()) {
                throw new UsageException("option --" + name + " belongs to target " + owner.get() + ", not " + target);
            }
            throw new UsageException("unknown option --" + name);
        }
    }

    private static List<LoadMode> modes(CommandLine options) {
        List<LoadMode> modes = new ArrayList<>();
        if (!options.has("rate")) {
            for (String openOnly : List.of("open-clients", "outstanding-max")) {
                if (options.has(openOnly)) {
                    throw new UsageException("option --" + openOnly + " applies to the open loop; give --rate too");
                }
            }
            for (long clients : options.numbers("clients", DEFAULT_CLIENTS, 1, LoadMode.CLIENTS_MAX)) {
                modes.add(new LoadMode.ClosedLoop((int) clients));
            }
            return modes;
        }
        if (options.has("clients")) {
            throw new UsageException("--clients (closed loop) and --rate (open loop) exclude each other; an open loop "
                    + "spreads its rate over --open-clients");
        }
        int clients = (int) options.number("open-clients", DEFAULT_OPEN_CLIENTS, 1, LoadMode.CLIENTS_MAX);
        int outstandingMax = (int) options.number("outstanding-max", DEFAULT_OUTSTANDING_MAX, 1,
                LoadMode.OpenLoop.OUTSTANDING_ABSOLUTE_MAX);
        for (long rate : options.numbers("rate", null, 1, LoadMode.OpenLoop.RATE_PER_SECOND_MAX)) {
            modes.add(new LoadMode.OpenLoop((int) rate, clients, outstandingMax));
        }
        return modes;
    }
}
