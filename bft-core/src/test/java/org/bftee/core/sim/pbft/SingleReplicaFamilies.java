package org.bftee.core.sim.pbft;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.replica.PlantedBug;
import org.bftee.core.sim.FrameFault;
import org.bftee.core.sim.FrameFaults;
import org.bftee.core.sim.Link;
import org.bftee.core.sim.NetworkConditions;
import org.bftee.core.sim.Partition;
import org.bftee.core.sim.Seeds;
import org.bftee.core.sim.SimHost;
import org.bftee.core.sim.SimNetwork;

/**
 * The family for a group of one replica ({@code f = 0}), the unreplicated baseline run through the
 * protocol. Such a group tolerates no faulty replica, so its faults are the network's and the
 * clients': every link joins the replica to a client. The run has the shape of every family
 * ({@link Families}) and is judged by the same checkers, liveness included.
 */
final class SingleReplicaFamilies {

    /** The share of frames the corrupting links flip a bit in. */
    private static final double CORRUPTED_SHARE = 0.3;

    private SingleReplicaFamilies() {
    }

    /**
     * Everything a client link can do at once, until the faults stop: loss (up to 25%), duplication
     * (up to 15%), reordering by delays of up to 40 ms, skewed clocks; on about a fifth of the
     * links (each direction drawn alone) every frame arrives again up to 300 ms later, on another
     * fifth 30% of the frames have a bit flipped; and up to two partitions of 50 to 350 ms cut one
     * client, or the replica (so every client), off.
     */
    static Families.Outcome clientLinkFaults(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of()).build();
        SimNetwork network = cluster.sim().network();
        network.conditions(new NetworkConditions(scenario.nextDouble(0.25), scenario.nextDouble(0.15), 1,
                2 + scenario.nextLong(39)));
        for (SimHost host : cluster.sim().hosts()) {
            host.clockSkewMillis(scenario.nextLong(-200, 201));
        }
        for (int replica = 0; replica < cluster.n(); replica++) {
            for (SimClient client : cluster.clients()) {
                for (Link link : List.of(new Link(replica, client.id()), new Link(client.id(), replica))) {
                    int draw = scenario.nextInt(5);
                    if (draw == 0) {
                        network.fault(link, FrameFaults.replayAfter(1 + scenario.nextLong(300)));
                    } else if (draw == 1) {
                        network.fault(link, corruptOneBitWithProbability(CORRUPTED_SHARE));
                    }
                }
            }
        }
        int partitions = scenario.nextInt(3);
        for (int i = 0; i < partitions; i++) {
            long start = scenario.nextLong(Families.FAULTS_STOP_MILLIS - 100);
            long heal = Math.min(Families.FAULTS_STOP_MILLIS, start + 50 + scenario.nextLong(300));
            Set<Integer> side = new HashSet<>();
            if (scenario.nextBoolean()) {
                side.add(0);
            } else {
                side.add(cluster.client(scenario.nextInt(cluster.clients().size())).id());
            }
            network.partition(new Partition(side, start, heal));
        }
        cluster.faultsStopAt(Families.FAULTS_STOP_MILLIS, network::clearFaults);
        return Families.runToEnd(cluster, true, Set.of(), Families.LIVENESS_BOUND_MILLIS, false);
    }

    private static FrameFault corruptOneBitWithProbability(double probability) {
        FrameFault corrupt = FrameFaults.corruptOneBit();
        return (link, frame, actions) -> {
            if (actions.random().nextDouble() < probability) {
                corrupt.apply(link, frame, actions);
            } else {
                actions.deliver(frame);
            }
        };
    }
}
