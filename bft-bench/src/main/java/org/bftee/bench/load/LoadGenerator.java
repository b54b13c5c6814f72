package org.bftee.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs load against the targets of a {@link LoadTargetFactory}, independent of the transport
 * behind them. A caller:
 *
 * <ol>
 *   <li>calls {@link #setUp} once per workload, before its first run, to put the state the
 *       workload reads;</li>
 *   <li>calls {@link #run} for each point (mode and load) and repeat; each run opens its own
 *       targets, warms up, measures, drains and closes them;</li>
 *   <li>closes the factory after the last run.</li>
 * </ol>
 */
public final class LoadGenerator {

    /** How long one setup operation may take before the setup, and the workload, is abandoned. */
    public static final Duration SETUP_OPERATION_TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream progress;

    /** {@code progress} receives a line a second while a run goes (standard error, for the tool). */
    public LoadGenerator(PrintStream progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Sends the workload's setup operations in order through the target of client 0. */
    public void setUp(Workload workload, LoadTargetFactory factory) throws LoadException, InterruptedException {
        if (workload.setup().isEmpty()) {
            return;
        }
        List<LoadTarget> targets = open(factory, 1);
        try {
            int index = 0;
            for (Operation operation : workload.setup()) {
                try {
                    targets.get(0).invoke(operation.bytes(), operation.readOnly())
                            .get(SETUP_OPERATION_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    throw new LoadException("setup operation " + index + " of workload " + workload.name()
                            + " failed: " + e, e);
                }
                index++;
            }
        } finally {
            close(targets);
        }
    }

    /** Runs {@code plan} on targets {@code 0 .. clients - 1} of {@code factory}. */
    public LoadResult run(LoadPlan plan, LoadTargetFactory factory) throws LoadException, InterruptedException {
        List<LoadTarget> targets = open(factory, plan.mode().clients());
        try {
            return LoadRun.run(plan, targets, progress);
        } finally {
            close(targets);
        }
    }

    private List<LoadTarget> open(LoadTargetFactory factory, int clients) throws LoadException {
        List<LoadTarget> targets = new ArrayList<>(clients);
        for (int client = 0; client < clients; client++) {
            try {
                targets.add(Objects.requireNonNull(factory.open(client), "the factory opened no target"));
            } catch (Exception e) {
                close(targets);
                throw new LoadException("could not open the target of client " + client + ": " + e, e);
            }
        }
        return targets;
    }

    /** Closes every target; a failure to close is reported on the progress stream, not thrown. */
    private void close(List<LoadTarget> targets) {
        for (int client = 0; client < targets.size(); client++) {
            try {
                targets.get(client).close();
            } catch (RuntimeException e) {
                progress.println("closing the target of client " + client + " failed: " + e);
            }
        }
    }
}
