package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.crypto.MacSettings;
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
 * The scenario families: one seeded run each of the real replicas and clients under one kind of
 * attack, judged by every checker. A family throws on the first violation (a checker's
 * {@link org.bftee.core.sim.check.Violation}, or a broken invariant, checked by the hosts after
 * every event). Every run has the same shape:
 *
 * <ol>
 *   <li>{@code 3f + 1} replicas, two correct clients with two lanes each running a seeded
 *       {@link KvWorkload} from time 0 to {@link #WORKLOAD_END_MILLIS};
 *   <li>the family's faults from time 0 until {@link #FAULTS_STOP_MILLIS}, when the network
 *       heals (every partition over, no loss, 1 ms delays) and the Byzantine hooks the family
 *       names stop;
 *   <li>the run goes on until the clients are idle after the workload's end, or until
 *       {@code WORKLOAD_END_MILLIS + LIVENESS_BOUND_MILLIS};
 *   <li>then safety: agreement on committed batches and checkpoint digests, agreement of every
 *       execution (tentative ones included) within each view, exactly-once, no request executed that a
 *       correct client did not issue, no conflicting replies, linearizability of every correct
 *       client's operations;
 *   <li>and, where the family says so, liveness: every operation outstanding when the faults
 *       stopped, or invoked after, completes within {@link #LIVENESS_BOUND_MILLIS} of the later
 *       of the two times.
 * </ol>
 *
 * <p>Liveness assumes what this version of the replica can deliver: there is no state transfer
 * yet, so a replica that falls behind the group's stable checkpoint never catches up. Families
 * therefore keep the replicas that may fall behind for good (cut off by partitions, equivocated
 * to, sent bad MACs) within one set of at most {@code f} backups. These families keep the
 * view-change timeout longer than their runs, so they test the normal case; the view change has
 * its own families ({@link ViewChangeFamilies}).
 */
final class Families {

    /** When the network heals and the families' Byzantine hooks stop. */
    static final long FAULTS_STOP_MILLIS = 600;
    /** Correct clients invoke nothing after this. */
    static final long WORKLOAD_END_MILLIS = 700;
    /**
     * After the faults stop, every outstanding operation completes within this. A lane's
     * retransmission timeout is at most 400 ms and STATUS rounds come every 100 ms; a request needs
     * one retransmission and a few STATUS rounds at worst (to reach the primary, then to repair the
     * pre-prepares and votes lost before the network healed). The slowest completion seen over
     * 100,000 seeds was about half of this (the family tests print theirs).
     */
    static final long LIVENESS_BOUND_MILLIS = 1_500;
    /** The longest pause of a client lane between a result and its next invocation. */
    static final long PAUSE_MAX_MILLIS = 80;
    /** How long safety-only runs go on after the workload ends. */
    static final long SAFETY_ONLY_TAIL_MILLIS = 600;
    /**
     * After the clients are idle, how long the run may go on until every result a client accepted
     * on {@code 2f + 1} tentative replies has committed at some replica (five STATUS rounds).
     */
    static final long SETTLE_MAX_MILLIS = 500;

    private Families() {
    }

    /** A family's run for one seed, with {@code bug} planted in the replicas that are not Byzantine. */
    @FunctionalInterface
    interface Family {
        Outcome run(long seed, int f, PlantedBug bug);
    }

    /**
     * How a run that passed ended.
     *
     * @param livenessJudged     whether liveness was asserted (see {@link #runToEnd})
     * @param stranded           the replicas that fell behind the group's stable checkpoint
     * @param slowestMillis      the longest an operation took after the faults stopped (or after its invocation)
     * @param events             events the simulation ran
     * @param views              the highest view a correct replica reached: the view changes the group went through
     * @param longestStreak      the most consecutive view changes (no request executed between) at a correct replica
     * @param checkpointsFetched checkpoints the correct replicas installed by state transfer
     */
    record Outcome(boolean livenessJudged, Set<Integer> stranded, long slowestMillis, long events, long views,
                   long longestStreak, long checkpointsFetched) {
    }

    /**
     * After the run, how long correct replicas that fell behind the group's stable checkpoint have to
     * fetch it: a few STATUS rounds to learn of it and to notice they stalled, then the fetch.
     */
    static final long CATCH_UP_MAX_MILLIS = 2_000;

    /** Loss (up to 25%), duplication (up to 15%), reordering by delays of up to 40 ms, skewed clocks. */
    static Outcome lossyNetwork(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of()).build();
        cluster.sim().network().conditions(new NetworkConditions(scenario.nextDouble(0.25),
                scenario.nextDouble(0.15), 1, 2 + scenario.nextLong(39)));
        for (SimHost host : cluster.sim().hosts()) {
            host.clockSkewMillis(scenario.nextLong(-200, 201));
        }
        cluster.faultsStopAt(FAULTS_STOP_MILLIS, () -> { });
        return runToEnd(cluster, true, Set.of());
    }

    /**
     * One to three partitions, healed before the faults stop: some of a fixed set {@code V} of at
     * most {@code f} backups cut off from everyone, or the primary (with some clients) cut off
     * from some backups: either a subset of {@code V} (its side keeps a quorum) or more than
     * {@code f} (no side has a quorum and nothing is ordered). Only {@code V} can fall behind.
     */
    static Outcome partitionsThatHeal(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of())
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        List<Integer> victims = someBackups(scenario, cluster.n(), 1 + scenario.nextInt(f));
        int partitions = 1 + scenario.nextInt(3);
        for (int i = 0; i < partitions; i++) {
            long start = scenario.nextLong(FAULTS_STOP_MILLIS - 100);
            long heal = Math.min(FAULTS_STOP_MILLIS, start + 50 + scenario.nextLong(350));
            Set<Integer> side = scenario.nextBoolean() ? new HashSet<>(someOf(scenario, victims))
                    : primarySide(scenario, cluster, victims);
            cluster.sim().network().partition(new Partition(side, start, heal));
        }
        cluster.faultsStopAt(FAULTS_STOP_MILLIS, () -> { });
        return runToEnd(cluster, true, Set.of());
    }

    /**
     * The network replays authentic frames: on a sixth of the links each frame arrives again up to
     * 300 ms later, and 25 frames recorded on another sixth early in the run are injected again
     * later, some to other replicas than they were sent to (a multicast frame is authentic for all).
     */
    static Outcome replayedFrames(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of())
                .conditions(new NetworkConditions(0.02, 0, 1, 10)).build();
        SimNetwork network = cluster.sim().network();
        List<Integer> principals = principals(cluster);
        List<Link> recorded = new ArrayList<>();
        List<List<byte[]>> frames = new ArrayList<>();
        for (int from : principals) {
            for (int to : principals) {
                if (from == to || !(from < cluster.n() || to < cluster.n())) {
                    continue;
                }
                int draw = scenario.nextInt(6);
                if (draw == 0) {
                    network.fault(new Link(from, to), FrameFaults.replayAfter(1 + scenario.nextLong(300)));
                } else if (draw == 1) {
                    List<byte[]> sink = new ArrayList<>();
                    recorded.add(new Link(from, to));
                    frames.add(sink);
                    network.fault(new Link(from, to), FrameFaults.record(sink));
                }
            }
        }
        long recordUntil = 100 + scenario.nextLong(250);
        cluster.sim().at(recordUntil, () -> recorded.forEach(link -> network.fault(link, null)));
        for (int i = 0; i < 25; i++) {
            long at = recordUntil + scenario.nextLong(FAULTS_STOP_MILLIS - recordUntil);
            int pick = scenario.nextInt(Math.max(1, recorded.size()));
            long salt = scenario.nextLong();
            cluster.sim().at(at, () -> injectRecorded(cluster, recorded, frames, pick, salt));
        }
        cluster.faultsStopAt(FAULTS_STOP_MILLIS, network::clearFaults);
        return runToEnd(cluster, true, Set.of());
    }

    /**
     * Until the faults stop, the primary sends its own variant of each pre-prepare to a set of
     * victim backups. Three seeds in four equivocate to at most {@code f} backups: the primary
     * and the others still form quorums, and liveness is asserted. The fourth equivocates to
     * more than {@code f} (up to all backups): nothing may then be ordered, and only safety is
     * asserted.
     */
    static Outcome equivocatingPrimary(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        boolean quorumSurvives = scenario.nextInt(4) != 0;
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of(0))
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        int victims = quorumSurvives ? 1 + scenario.nextInt(f) : f + 1 + scenario.nextInt(2 * f);
        Set<Integer> equivocatedTo = new HashSet<>(someBackups(scenario, cluster.n(), victims));
        cluster.host(0).intercept(new EquivocatingPrimary(equivocatedTo, cluster.sim().random("equivocation")));
        cluster.faultsStopAt(FAULTS_STOP_MILLIS, () -> cluster.host(0).intercept(null));
        return runToEnd(cluster, quorumSurvives, equivocatedTo);
    }

    /**
     * Until the faults stop, the tags of the primary's frames to at most {@code f} victim backups
     * are corrupted (each frame, or half of them): the victims reject them as forged.
     */
    static Outcome primaryWithBadMacsToSomeBackups(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of(0))
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        SimNetwork network = cluster.sim().network();
        Set<Integer> victims = new HashSet<>(someBackups(scenario, cluster.n(), 1 + scenario.nextInt(f)));
        for (int victim : victims) {
            double share = scenario.nextBoolean() ? 1.0 : 0.5;
            network.fault(new Link(0, victim), corruptTagWithProbability(share));
        }
        cluster.faultsStopAt(FAULTS_STOP_MILLIS, network::clearFaults);
        return runToEnd(cluster, true, Set.of());
    }

    /**
     * At most {@code f} backups lie for the whole run: conflicting PREPAREs and COMMITs (another
     * digest for each receiver, or none; a flip-flopping liar also changes its vote and moves votes
     * to the next sequence number) and CHECKPOINTs with wrong state digests. The network reorders but loses nothing, so no correct replica falls
     * behind the stable checkpoint (no state transfer yet) and the {@code 2f + 1} correct replicas
     * stay a quorum: liveness is asserted while the liars go on lying.
     */
    static Outcome byzantineBackup(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        List<Integer> liars = someBackups(scenario, 3 * f + 1, 1 + scenario.nextInt(f));
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, new HashSet<>(liars))
                .conditions(NetworkConditions.reordering(20)).build();
        for (int liar : liars) {
            SplittableRandom lies = cluster.sim().random("liar-" + liar);
            cluster.host(liar).intercept(scenario.nextBoolean() ? LyingBackup.consistent(lies)
                    : LyingBackup.flipFlopping(lies));
        }
        cluster.faultsStopAt(FAULTS_STOP_MILLIS, () -> { });
        return runToEnd(cluster, true, new HashSet<>(liars));
    }

    /**
     * A faulty client ({@link ByzantineClient}) sends partly authentic, replayed, stale and
     * malformed requests until the faults stop; the correct clients' operations must stay
     * linearizable and complete. The faulty client's own requests are checked for exactly-once
     * execution too.
     */
    static Outcome faultyClient(long seed, int f, PlantedBug bug) {
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of()).extraPrincipals(1)
                .conditions(new NetworkConditions(0.02, 0.02, 1, 10)).build();
        int faulty = cluster.extraPrincipals().get(0);
        ByzantineClient client = cluster.sim().start(faulty, context -> new ByzantineClient(context, cluster.sim()));
        client.misbehave(0, FAULTS_STOP_MILLIS);
        cluster.faultsStopAt(FAULTS_STOP_MILLIS, () -> { });
        return runToEnd(cluster, true, Set.of());
    }

    /**
     * A primary that sends every backup the same rewritten batch ({@link BatchRewritingPrimary}):
     * with a request it invented in a correct client's name, or with a request it already ordered.
     * The primary never prepares what it sent, so the group stalls (no view change yet): safety
     * only.
     */
    static Outcome rewritingPrimary(long seed, int f, PlantedBug bug) {
        SplittableRandom scenario = Seeds.stream(seed, "scenario");
        PbftCluster cluster = PbftCluster.builder(seed).f(f).plantedBug(bug, Set.of(0))
                .conditions(NetworkConditions.reordering(10)).build();
        BatchRewritingPrimary.Mode mode = scenario.nextBoolean() ? BatchRewritingPrimary.Mode.INVENT
                : BatchRewritingPrimary.Mode.DUPLICATE;
        cluster.host(0).intercept(new BatchRewritingPrimary(mode, cluster.client(0).id(), cluster.n(),
                MacSettings.DEFAULT.tagLength(),
                2 + scenario.nextLong(6), cluster.sim().random("rewriting")));
        cluster.faultsStopAt(FAULTS_STOP_MILLIS, () -> { });
        return runToEnd(cluster, false, Set.of(0));
    }

    /**
     * Runs the workload and the faults to the end, then checks safety, and liveness if
     * {@code livenessExpected} and the run meets its precondition: the primary did not fall
     * behind the group's stable checkpoint, and the replicas that did, with the family's
     * {@code outOfService} ones (victims, liars), are at most {@code f}. A replica falls behind
     * the stable checkpoint when its last committed sequence number is below the highest low
     * water mark in the group: the others discarded the log it needs, and only state transfer
     * (not implemented yet) can bring it back; a primary that falls behind stops proposing, and
     * the view change replaces it.
     */
    private static Outcome runToEnd(PbftCluster cluster, boolean livenessExpected, Set<Integer> outOfService) {
        // The view-change timeout is above the run's length: a primary that fell behind is never replaced.
        return runToEnd(cluster, livenessExpected, outOfService, LIVENESS_BOUND_MILLIS, false);
    }

    /**
     * {@link #runToEnd(PbftCluster, boolean, Set)} with its own liveness bound, for runs whose view
     * changes replace a primary that fell behind ({@code primaryReplaceable}).
     */
    static Outcome runToEnd(PbftCluster cluster, boolean livenessExpected, Set<Integer> outOfService,
                            long livenessBoundMillis, boolean primaryReplaceable) {
        return runToEnd(cluster, livenessExpected, outOfService, livenessBoundMillis, primaryReplaceable, false);
    }

    /**
     * As above; with {@code catchUpRequired}, every correct replica that fell behind the group's
     * stable checkpoint must also fetch it by state transfer within {@link #CATCH_UP_MAX_MILLIS}
     * after the run (the replicas in {@code outOfService} are the faulty ones and are exempt).
     */
    static Outcome runToEnd(PbftCluster cluster, boolean livenessExpected, Set<Integer> outOfService,
                            long livenessBoundMillis, boolean primaryReplaceable, boolean catchUpRequired) {
        cluster.runWorkload(0, WORKLOAD_END_MILLIS, PAUSE_MAX_MILLIS);
        long limit = WORKLOAD_END_MILLIS + (livenessExpected ? livenessBoundMillis : SAFETY_ONLY_TAIL_MILLIS);
        cluster.runUntilClientsIdle(WORKLOAD_END_MILLIS, limit);
        RunCheckers checkers = cluster.checkers();
        cluster.sim().runUntil(checkers::everyAcceptedResultCommitted, cluster.sim().nowMillis() + SETTLE_MAX_MILLIS);
        cluster.verifySafety();
        Set<Integer> stranded = cluster.strandedReplicas();
        Set<Integer> out = new HashSet<>(stranded);
        out.addAll(outOfService);
        boolean judged = livenessExpected && (primaryReplaceable || !stranded.contains(0)) && out.size() <= cluster.f();
        if (judged) {
            cluster.verifyLiveness();
        }
        if (catchUpRequired) {
            cluster.sim().runUntil(() -> correctStranded(cluster, outOfService).isEmpty(),
                    cluster.sim().nowMillis() + CATCH_UP_MAX_MILLIS);
            Set<Integer> behind = correctStranded(cluster, outOfService);
            if (!behind.isEmpty()) {
                throw new AssertionError("correct replicas " + behind + " did not catch up by state transfer within "
                        + CATCH_UP_MAX_MILLIS + " ms: " + cluster.replicaStates());
            }
            cluster.verifySafety();
        }
        long views = 0;
        long streak = 0;
        long fetched = 0;
        for (int replica = 0; replica < cluster.n(); replica++) {
            if (!outOfService.contains(replica)) {
                views = Math.max(views, cluster.replica(replica).replica().view());
                streak = Math.max(streak, cluster.replica(replica).replica().counters().viewChangeStreakMax());
                fetched += cluster.replica(replica).replica().counters().checkpointsFetched();
            }
        }
        return new Outcome(judged, stranded, cluster.checkers().slowestAfterFaultsMillis(),
                cluster.sim().scheduler().executedEvents(), views, streak, fetched);
    }

    private static Set<Integer> correctStranded(PbftCluster cluster, Set<Integer> faulty) {
        Set<Integer> behind = new HashSet<>(cluster.strandedReplicas());
        behind.removeAll(faulty);
        return behind;
    }

    /** {@code count} distinct backups, drawn at random. */
    static List<Integer> someBackups(SplittableRandom random, int n, int count) {
        List<Integer> backups = new ArrayList<>();
        for (int replica = 1; replica < n; replica++) {
            backups.add(replica);
        }
        for (int i = backups.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = backups.get(i);
            backups.set(i, backups.get(j));
            backups.set(j, swap);
        }
        return List.copyOf(backups.subList(0, count));
    }

    private static List<Integer> someOf(SplittableRandom random, List<Integer> from) {
        List<Integer> chosen = new ArrayList<>();
        for (int member : from) {
            if (random.nextBoolean()) {
                chosen.add(member);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(from.get(random.nextInt(from.size())));
        }
        return chosen;
    }

    /**
     * The primary's side of a partition: the primary, the backups outside a cut-off set, and some
     * clients. The cut-off set is a non-empty subset of {@code victims}, or more than {@code f}
     * backups.
     */
    private static Set<Integer> primarySide(SplittableRandom random, PbftCluster cluster, List<Integer> victims) {
        int f = cluster.f();
        Set<Integer> cut = random.nextBoolean() ? new HashSet<>(someOf(random, victims))
                : new HashSet<>(someBackups(random, cluster.n(), f + 1 + random.nextInt(2 * f)));
        Set<Integer> side = new HashSet<>();
        for (int replica = 0; replica < cluster.n(); replica++) {
            if (!cut.contains(replica)) {
                side.add(replica);
            }
        }
        for (SimClient client : cluster.clients()) {
            if (random.nextBoolean()) {
                side.add(client.id());
            }
        }
        return side;
    }

    private static List<Integer> principals(PbftCluster cluster) {
        List<Integer> principals = new ArrayList<>();
        for (int replica = 0; replica < cluster.n(); replica++) {
            principals.add(replica);
        }
        cluster.clients().forEach(client -> principals.add(client.id()));
        return principals;
    }

    private static void injectRecorded(PbftCluster cluster, List<Link> links, List<List<byte[]>> frames, int pick,
                                       long salt) {
        if (links.isEmpty() || frames.get(pick).isEmpty()) {
            return;
        }
        Link link = links.get(pick);
        List<byte[]> sink = frames.get(pick);
        byte[] frame = sink.get((int) Math.floorMod(salt, (long) sink.size()));
        int to = link.to();
        if (link.from() < cluster.n() && to < cluster.n() && (salt & 1) == 0) {
            // A replica's multicast frame carries an authenticator for every replica: replay it to another.
            to = (int) Math.floorMod(salt >>> 1, (long) cluster.n());
            if (to == link.from()) {
                to = link.to();
            }
        }
        cluster.sim().network().inject(link.from(), to, frame, 1 + Math.floorMod(salt >>> 8, 50L));
    }

    private static FrameFault corruptTagWithProbability(double probability) {
        FrameFault corrupt = FrameFaults.corruptReceiversTag();
        return (link, frame, actions) -> {
            if (actions.random().nextDouble() < probability) {
                corrupt.apply(link, frame, actions);
            } else {
                actions.deliver(frame);
            }
        };
    }
}
