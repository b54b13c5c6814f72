package org.bftee.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.bftee.core.sim.check.Violation;
import org.junit.jupiter.api.Test;

class SeedRunnerTest {

    @Test
    void aFailingSeedStopsTheRunWithTheLineThatReplaysIt() {
        List<Long> ran = new ArrayList<>();
        List<Long> seeds = LongStream.range(0, 50).boxed().toList();
        String test = "SeedRunnerTest#aFailingSeedStopsTheRunWithTheLineThatReplaysIt";

        AssertionError failure = assertThrows(AssertionError.class, () -> SeedRunner.run(test, seeds, seed -> {
            ran.add(seed);
            if (seed == 7) {
                throw new Violation("agreement violated: at sequence 3 replica 2 executed batch aa\nbut 0 bb");
            }
        }));

        assertEquals("./mvnw -pl bft-core test -Dtest=SeedRunnerTest#aFailingSeedStopsTheRunWithTheLineThatReplaysIt"
                + " -Dsim.seed=7  # Violation: agreement violated: at sequence 3 replica 2 executed batch aa but 0 bb",
                failure.getMessage());
        assertEquals(8, ran.size(), "stops at the first failure");
        assertTrue(failure.getCause() instanceof Violation);
    }

    @Test
    void theReplayLineNamesTheTestFromItsTestInfo(org.junit.jupiter.api.TestInfo info) {
        AssertionError failure = assertThrows(AssertionError.class, () -> SeedRunner.run(info, 1, seed -> {
            throw new IllegalStateException("replica 1 invariant");
        }));

        assertTrue(failure.getMessage().startsWith("./mvnw -pl bft-core test "
                + "-Dtest=SeedRunnerTest#theReplayLineNamesTheTestFromItsTestInfo -Dsim.seed="), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("  # IllegalStateException: replica 1 invariant"), failure.getMessage());
    }

    @Test
    void seedsComeFromTheSystemProperties() {
        String seed = System.getProperty("sim.seed");
        String seeds = System.getProperty("sim.seeds");
        String start = System.getProperty("sim.seedStart");
        try {
            System.clearProperty("sim.seed");
            System.clearProperty("sim.seeds");
            System.clearProperty("sim.seedStart");
            assertEquals(List.of(0L, 1L, 2L), SeedRunner.seeds(3));

            System.setProperty("sim.seeds", "2");
            System.setProperty("sim.seedStart", "1000");
            assertEquals(List.of(1000L, 1001L), SeedRunner.seeds(3));

            System.setProperty("sim.seed", "123456789");
            assertEquals(List.of(123456789L), SeedRunner.seeds(3));
        } finally {
            restore("sim.seed", seed);
            restore("sim.seeds", seeds);
            restore("sim.seedStart", start);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
