package org.bftee.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInfo;

/**
 * Runs a scenario over a range of seeds and, at the first failure, prints one line that replays
 * it, then fails the test with the same line. System properties:
 * <ul>
 *   <li>{@code -Dsim.seed=S}: run seed {@code S} only (a replay);
 *   <li>{@code -Dsim.seeds=N}: run {@code N} seeds (default {@value #SEEDS_DEFAULT}, or the
 *       test's own default when it passes one);
 *   <li>{@code -Dsim.seedStart=B}: the first seed of the range (default 0), to explore beyond the
 *       range CI runs on every build.
 * </ul>
 * Seeds are {@code B, B+1, ..., B+N-1}: the same on every run, so CI is reproducible. Nothing is
 * written anywhere.
 */
public final class SeedRunner {

    /** Seeds per scenario when neither the test nor {@code -Dsim.seeds} says otherwise. */
    public static final int SEEDS_DEFAULT = 500;

    private SeedRunner() {
    }

    /** Runs {@code scenario} over the seeds; {@code info} names the test for the replay line. */
    public static void run(TestInfo info, SeedScenario scenario) {
        run(info, SEEDS_DEFAULT, scenario);
    }

    /** As {@link #run(TestInfo, SeedScenario)}, with {@code seedsDefault} seeds unless {@code -Dsim.seeds} says otherwise. */
    public static void run(TestInfo info, int seedsDefault, SeedScenario scenario) {
        String test = info.getTestClass().map(Class::getSimpleName).orElse("?") + "#"
                + info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?");
        run(test, seedsDefault, scenario);
    }

    /** Runs {@code scenario} over the seeds; {@code test} is {@code Class#method}, for the replay line. */
    public static void run(String test, int seedsDefault, SeedScenario scenario) {
        run(test, seeds(seedsDefault), scenario);
    }

    /** Runs {@code scenario} over exactly {@code seeds}, whatever the system properties say. */
    static void run(String test, List<Long> seeds, SeedScenario scenario) {
        for (long seed : seeds) {
            try {
                scenario.run(seed);
            } catch (Exception | AssertionError failure) {
                String line = replayLine(test, seed, failure);
                System.err.println(line);
                throw new AssertionError(line, failure);
            }
        }
    }

    /** The seeds a run covers, from the system properties. */
    public static List<Long> seeds(int seedsDefault) {
        String single = System.getProperty("sim.seed");
        if (single != null && !single.isBlank()) {
            return List.of(Long.parseLong(single.trim()));
        }
        int count = Integer.getInteger("sim.seeds", seedsDefault);
        long start = Long.getLong("sim.seedStart", 0L);
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeds.add(start + i);
        }
        return seeds;
    }

    /** The one line a failure prints: the command that replays it, and what failed. */
    static String replayLine(String test, long seed, Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return "./mvnw -pl bft-core test -Dtest=" + test + " -Dsim.seed=" + seed + "  # "
                + message.replace('\n', ' ').replace('\r', ' ');
    }
}
