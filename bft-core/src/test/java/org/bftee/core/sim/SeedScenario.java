package org.bftee.core.sim;

/** A simulated scenario run with one seed; it fails by throwing (a checker's {@link org.bftee.core.sim.check.Violation}, an invariant). */
@FunctionalInterface
public interface SeedScenario {

    void run(long seed) throws Exception;
}
