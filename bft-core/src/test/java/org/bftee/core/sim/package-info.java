/**
 * The deterministic simulator: replicas and clients as {@link org.bftee.core.sim.ProtocolNode}s on
 * {@link org.bftee.core.sim.SimHost}s, one thread, virtual time ({@link org.bftee.core.sim.Scheduler}),
 * real sealed frames on a {@link org.bftee.core.sim.SimNetwork} that loses, duplicates, delays,
 * reorders and partitions, with per-link Byzantine {@link org.bftee.core.sim.FrameFault}s and
 * per-host {@link org.bftee.core.sim.MessageInterceptor}s (equivocation). Everything random comes
 * from one seed ({@link org.bftee.core.sim.Seeds}); the same seed replays the same run, event for
 * event ({@link org.bftee.core.sim.EventTrace}). The checkers are in {@code org.bftee.core.sim.check}.
 *
 * <h2>Writing a scenario</h2>
 * <pre>{@code
 * @Test
 * void rumorsSpreadAfterAPartitionHeals(TestInfo info) {
 *     SeedRunner.run(info, seed -> {
 *         Simulation sim = Simulation.builder(seed).conditions(new NetworkConditions(0.1, 0.05, 1, 30)).build();
 *         FloodNode[] replicas = new FloodNode[4];
 *         for (int i = 0; i < 4; i++) {
 *             replicas[i] = sim.start(i, FloodNode::new);
 *         }
 *         sim.network().partition(new Partition(Set.of(0, 1), 100, 900));
 *         sim.on(0, 150, () -> replicas[0].originate(7));
 *         sim.runUntil(1_200);
 *         if (!replicas[3].knows(7)) {
 *             throw new Violation("replica 3 never learned rumor 7");
 *         }
 *     });
 * }
 * }</pre>
 *
 * <h2>Running seeds</h2>
 * A test that uses {@link org.bftee.core.sim.SeedRunner} runs seeds {@code 0..N-1}, with
 * {@code N = 500} unless the test chooses fewer; CI runs exactly these, so a CI run is reproducible.
 * <pre>
 * ./mvnw -pl bft-core test -Dtest=FloodSimulationTest                          # the default seed range
 * ./mvnw -pl bft-core test -Dtest=FloodSimulationTest -Dsim.seeds=5000         # more seeds
 * ./mvnw -pl bft-core test -Dtest=FloodSimulationTest -Dsim.seedStart=100000 -Dsim.seeds=1000   # other seeds
 * ./mvnw -pl bft-core test -Dtest=FloodSimulationTest#aPartitionKeepsRumorsOnItsSideUntilItHeals -Dsim.seed=42
 * </pre>
 * A failing seed prints exactly that last kind of line, followed by {@code #} and the checker's
 * message, and fails the test with it. Nothing is written to disk. Turn a failing seed into a
 * named regression test (STYLE rule 11): a test method that runs the scenario with that seed.
 *
 * <h2>Session keys</h2>
 * {@link org.bftee.core.sim.Simulation} installs every session key directly from the seed when it
 * is built (see its Javadoc); the NEW-KEY exchange is not simulated yet.
 */
package org.bftee.core.sim;
