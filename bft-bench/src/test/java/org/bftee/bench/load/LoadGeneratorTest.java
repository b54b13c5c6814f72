package org.bftee.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * The generator against in-memory targets. This machine is shared and noisy, so the checks are
 * coarse bounds and counts, never timings.
 */
class LoadGeneratorTest {

    private static final Workload NULL_OPERATION = Workloads.named("0/0").orElseThrow();
    private static final Duration WARM_UP = Duration.ofMillis(200);
    private static final Duration MEASURED = Duration.ofSeconds(1);
    private static final Duration DRAIN = Duration.ofMillis(200);

    private final LoadGenerator generator = new LoadGenerator(new PrintStream(OutputStream.nullOutputStream()));

    private static LoadPlan plan(LoadMode mode, Duration warmUp) {
        return new LoadPlan(NULL_OPERATION, mode, warmUp, MEASURED, DRAIN);
    }

    @Test
    void closedLoopOfFourClientsAgainstAOneMillisecondEchoIsBoundByTheDelay() throws Exception {
        try (LoadTargetFactory echo = EchoTarget.factory(Duration.ofMillis(1))) {
            LoadResult result = generator.run(plan(new LoadMode.ClosedLoop(4), WARM_UP), echo);

            // Four clients that each wait at least 1 ms per operation: at most 4,000 a second (plus
            // the four operations in flight when the period starts). How far below depends on the
            // machine, which tests never judge (benchmarks report speed; tests check logic).
            assertTrue(result.operations() > 0 && result.throughput() <= 4_100, "throughput " + result);
            assertTrue(result.latencyMicros().p50() >= 1_000, "p50 " + result.latencyMicros());
            assertTrue(result.latencyMicros().max() >= result.latencyMicros().p99(), result.latencyMicros().toString());
            assertEquals(0, result.errors());
            assertEquals(0, result.skipped());
        }
    }

    @Test
    void aRunEndsOnTimeWithManyMoreBusyClientsThanCores() throws Exception {
        // Zero-delay echo clients never block. Collecting latencies must not wait for them: that once
        // stretched a half-second run to ten seconds and more on two cores.
        LoadPlan plan = new LoadPlan(NULL_OPERATION, new LoadMode.ClosedLoop(64), Duration.ZERO, Duration.ofMillis(500),
                DRAIN);
        long start = System.nanoTime();
        try (LoadTargetFactory echo = EchoTarget.factory(Duration.ZERO)) {
            LoadResult result = generator.run(plan, echo);

            assertTrue(result.operations() > 0);
        }
        // A hang guard, not a speed check: the bug this replays took twenty times the period and
        // more; a minute is far beyond any load this machine may be under.
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 60, "a half-second run took " + seconds + " s");
    }

    @Test
    void openLoopRecordsAboutRateTimesDuration() throws Exception {
        try (LoadTargetFactory echo = EchoTarget.factory(Duration.ofMillis(1))) {
            LoadResult result = generator.run(plan(new LoadMode.OpenLoop(2_000, 4, 100_000), WARM_UP), echo);

            double expected = 2_000 * (result.measured().toNanos() / 1e9);
            // Never more than the rate allows; fewer only if this machine starves the sender.
            assertTrue(result.operations() > 0 && result.operations() < 1.5 * expected,
                    result.operations() + " operations, expected at most about " + expected);
            assertTrue(result.latencyMicros().p50() >= 1_000, "p50 " + result.latencyMicros());
            assertEquals(0, result.skipped());
            assertEquals(0, result.errors());
        }
    }

    @Test
    void openLoopSkipsWhatWouldExceedTheOutstandingLimitWhenTheTargetStalls() throws Exception {
        LoadResult result = generator.run(plan(new LoadMode.OpenLoop(1_000, 2, 10), Duration.ZERO),
                clientIndex -> TestTargets.stalling());

        assertEquals(0, result.operations());
        assertEquals(10, result.unfinished());
        // Nearly all of the ~1,000 operations due in the second were skipped.
        assertTrue(result.skipped() > 300, "skipped " + result.skipped());
        assertEquals(10, result.errors());
    }

    @Test
    void closedLoopCountsClientsStuckAfterTheDrainTimeoutAsUnfinished() throws Exception {
        LoadResult result = generator.run(plan(new LoadMode.ClosedLoop(3), Duration.ZERO),
                clientIndex -> TestTargets.stalling());

        assertEquals(0, result.operations());
        assertEquals(3, result.unfinished());
    }

    @Test
    void failuresAreCountedByExceptionClass() throws Exception {
        LoadResult result = generator.run(plan(new LoadMode.ClosedLoop(2), WARM_UP),
                clientIndex -> TestTargets.failingEvery(2));

        Map<String, Long> failures = result.failures();
        assertEquals(List.of(IllegalStateException.class.getName()), List.copyOf(failures.keySet()));
        assertTrue(failures.get(IllegalStateException.class.getName()) > 0, failures.toString());
        assertTrue(result.operations() > 0);
    }

    @Test
    void setupSendsEachOperationInOrderThroughClientZero() throws Exception {
        Workload mix = Workloads.named("kv-mix").orElseThrow();
        List<Integer> clients = new ArrayList<>();
        List<byte[]> sent = new ArrayList<>();
        generator.setUp(mix, clientIndex -> {
            clients.add(clientIndex);
            return new LoadTarget() {
                @Override
                public CompletableFuture<byte[]> invoke(byte[] operation, boolean readOnly) {
                    sent.add(operation);
                    return CompletableFuture.completedFuture(new byte[] {0});
                }

                @Override
                public void close() {
                }
            };
        });

        assertEquals(List.of(0), clients);
        assertEquals(mix.setup().size(), sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertTrue(sent.get(i) == mix.setup().get(i).bytes(), "setup operation " + i + " out of order");
        }
    }

    @Test
    void aFailedSetupOperationAbandonsTheWorkload() {
        Workload fourKibRead = Workloads.named("0/4K").orElseThrow();

        LoadException failure = assertThrows(LoadException.class,
                () -> generator.setUp(fourKibRead, clientIndex -> TestTargets.failingEvery(1)));
        assertTrue(failure.getMessage().contains("setup operation 0 of workload 0/4K"), failure.getMessage());
        assertTrue(failure.getMessage().contains("refused"), failure.getMessage());
    }

    @Test
    void aTargetThatWillNotOpenFailsTheRun() {
        LoadException failure = assertThrows(LoadException.class,
                () -> generator.run(plan(new LoadMode.ClosedLoop(2), Duration.ZERO), clientIndex -> {
                    throw new IOException("connection refused");
                }));

        assertTrue(failure.getMessage().contains("client 0"), failure.getMessage());
        assertTrue(failure.getMessage().contains("connection refused"), failure.getMessage());
    }
}
