/**
 * The real replica ({@link org.bftee.core.replica.Replica}) and client core
 * ({@link org.bftee.core.client.ClientCore}) run in the deterministic simulator under attack, with
 * checkers that catch a divergence.
 *
 * <ul>
 *   <li>{@link org.bftee.core.sim.pbft.SimReplica} and {@link org.bftee.core.sim.pbft.SimClient}
 *       adapt them to {@link org.bftee.core.sim.ProtocolNode}; {@link org.bftee.core.sim.pbft.PbftCluster}
 *       builds a group with small limits (log window 16, checkpoint interval 4) so that
 *       checkpoints and water marks move within a run; {@link org.bftee.core.sim.pbft.RunCheckers}
 *       holds the checkers every run is judged by;
 *   <li>{@link org.bftee.core.sim.pbft.Families} defines the scenario families (lossy network,
 *       partitions that heal, replayed frames, an equivocating primary, a primary with bad MACs to
 *       some backups, Byzantine backups, a faulty client, a primary that rewrites batches), and
 *       what each asserts; {@link org.bftee.core.sim.pbft.PbftSimulationTest} runs each over the
 *       seeds at {@code f = 1} and {@code f = 2};
 *   <li>{@link org.bftee.core.sim.pbft.PlantedBugTest} proves the checkers catch each
 *       {@link org.bftee.core.replica.PlantedBug};
 *   <li>{@link org.bftee.core.sim.pbft.FoundBugsRegressionTest} replays the seeds that found bugs;
 *   <li>{@link org.bftee.core.sim.pbft.PbftScenario} is a small language for scripted scenarios,
 *       used by {@link org.bftee.core.sim.pbft.PbftScenarioTest}.
 * </ul>
 *
 * <h2>Running seeds</h2>
 * Each family test runs seeds {@code 0..499} (the CI seeds) and prints one line: seeds run, runs
 * whose liveness was judged, the slowest completion after the faults stopped, time, seeds per
 * second. More seeds, other seeds, one seed:
 * <pre>
 * # every family, 500 CI seeds each (about two minutes on two cores)
 * ./mvnw -o -pl bft-core test -Dtest='PbftSimulationTest' -Dsurefire.failIfNoSpecifiedTests=false
 * # N seeds per family method, starting past the CI range (16 methods: 6250 each is 100,000 seeds)
 * ./mvnw -o -pl bft-core test -Dtest='PbftSimulationTest' -Dsim.seedStart=1000 -Dsim.seeds=6250 \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * # one family, more seeds
 * ./mvnw -o -pl bft-core test -Dtest='PbftSimulationTest#faultyClientF2' -Dsim.seeds=100000
 * # replay one seed: the line a failure prints, for example
 * ./mvnw -o -pl bft-core test -Dtest='PbftSimulationTest#byzantineBackupF1' -Dsim.seed=9
 * # a long run in the background
 * nohup ./mvnw -o -pl bft-core test -Dtest='PbftSimulationTest' -Dsim.seedStart=1000 -Dsim.seeds=6250 \
 *     -Dsurefire.failIfNoSpecifiedTests=false &gt; /tmp/bftee-sim-long.log 2&gt;&amp;1 &amp;
 * </pre>
 * A run stops at the first failing seed of a family and prints the command that replays it; make
 * it a named test in {@link org.bftee.core.sim.pbft.FoundBugsRegressionTest} (STYLE rule 11).
 * Seeds replay only with the families exactly as they are: changing a family's draws changes what
 * every seed means.
 *
 * <h2>What liveness means here</h2>
 * This version has no view change and no state transfer. A family asserts liveness only when its
 * run meets the precondition stated in {@link org.bftee.core.sim.pbft.Families}: the primary did
 * not fall behind the group's stable checkpoint, and at most {@code f} replicas are out (fell
 * behind it, or were equivocated to, or lie). The family tests require that to hold in at least
 * 90% of the seeds (65% for the equivocating primary).
 */
package org.bftee.core.sim.pbft;
