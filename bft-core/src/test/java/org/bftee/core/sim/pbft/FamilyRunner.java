package org.bftee.core.sim.pbft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bftee.core.replica.PlantedBug;
import org.bftee.core.sim.SeedRunner;
import org.junit.jupiter.api.TestInfo;

/**
 * Runs a scenario family over the seeds of {@link SeedRunner} (500 by default, {@code -Dsim.seeds},
 * {@code -Dsim.seedStart}, {@code -Dsim.seed}), fails at the first seed a checker or invariant
 * rejects, and prints one summary line: seeds, how many judged liveness, the slowest completion
 * after the faults stopped, wall time and seeds per second. Over 100 seeds or more it also asserts
 * that liveness was judged in at least {@code judgedShareMin} of them, so that its precondition
 * (see {@link Families}) cannot quietly turn the liveness check off.
 */
final class FamilyRunner {

    private FamilyRunner() {
    }

    static void run(TestInfo info, Families.Family family, int f, double judgedShareMin) {
        run(info, family, f, judgedShareMin, SeedRunner.SEEDS_DEFAULT);
    }

    /** As {@link #run(TestInfo, Families.Family, int, double)} over {@code seedsDefault} seeds unless {@code -Dsim.seeds} says otherwise. */
    static void run(TestInfo info, Families.Family family, int f, double judgedShareMin, int seedsDefault) {
        long[] totals = new long[6];
        long start = System.nanoTime();
        SeedRunner.run(info, seedsDefault, seed -> {
            Families.Outcome outcome = family.run(seed, f, PlantedBug.NONE);
            totals[0]++;
            totals[1] += outcome.livenessJudged() ? 1 : 0;
            totals[2] = Math.max(totals[2], outcome.slowestMillis());
            totals[3] += outcome.views();
            totals[4] = Math.max(totals[4], outcome.longestStreak());
            totals[5] += outcome.checkpointsFetched();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        String test = info.getTestClass().map(Class::getSimpleName).orElse("?") + "#"
                + info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?");
        System.out.printf("%s: %d seeds, liveness judged in %d, slowest %d ms after the faults stopped, "
                        + "%.2f view changes per seed, longest streak %d, %d checkpoints fetched, %.1f s, "
                        + "%.0f seeds/s%n",
                test, totals[0], totals[1], totals[2], totals[3] / (double) totals[0], totals[4], totals[5], seconds,
                totals[0] / seconds);
        if (totals[0] >= 100 && judgedShareMin > 0) {
            assertTrue(totals[1] >= judgedShareMin * totals[0], test + ": liveness judged in only " + totals[1] + " of "
                    + totals[0] + " seeds, fewer than " + judgedShareMin * 100 + "%");
        }
    }
}
