package org.bftee.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.Principals;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.SessionKey;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.protocol.Quorums;

/**
 * One simulated run: {@code n = 3f + 1} replica hosts and some client hosts on a {@link SimNetwork},
 * all driven by one {@link Scheduler} on one thread, everything random drawn from one seed.
 *
 * <p><b>Session keys</b> are installed directly from the seed when the simulation is built: for
 * every ordered pair of principals of which at least one is a replica, the receiver's in-key and
 * the sender's out-key are the same fresh key, with epoch 0. Clients share no keys with each
 * other. The NEW-KEY exchange (and key refresh during a run) is not simulated yet; when it is,
 * nodes will start with no keys and send NEW-KEY first.
 *
 * <p>Build it, {@link #start} a node on each host that runs one, schedule scenario actions with
 * {@link #at} and {@link #on}, set faults on {@link #network()}, then {@link #runUntil(long)}.
 */
public final class Simulation {

    /** Events one run may take before it is declared livelocked. */
    public static final long EVENTS_MAX_DEFAULT = 2_000_000;

    private final long seed;
    private final Principals principals;
    private final MessageCodec codec;
    private final DigestAlgorithm digests;
    private final EventTrace trace = new EventTrace();
    private final Scheduler scheduler;
    private final SimNetwork network;
    private final Map<Integer, SimHost> hosts = new TreeMap<>();
    private final Map<Integer, SessionKeys> keys = new TreeMap<>();

    private Simulation(Builder builder) {
        this.seed = builder.seed;
        this.principals = new Principals(new Quorums(builder.f), builder.clients);
        this.codec = new MessageCodec(builder.groupId, builder.wireLimits);
        this.digests = builder.digests;
        this.scheduler = new Scheduler(builder.eventsMax);
        this.network = new SimNetwork(scheduler, trace, random("network"), random("network-faults"));
        network.conditions(builder.conditions);
        for (int principal : principalIds()) {
            keys.put(principal, new SessionKeys(principal, builder.mac, principalIds().size()));
        }
        installSessionKeys();
        for (int principal : principalIds()) {
            Authenticators authenticators = new Authenticators(keys.get(principal));
            SimHost host = new SimHost(principal, principals, scheduler, network, trace,
                    new FrameSealer(codec, authenticators, digests.newDigester(), principals),
                    new FrameOpener(codec, authenticators, digests.newDigester(), principals));
            hosts.put(principal, host);
            network.attach(principal, host);
        }
    }

    /** A simulation of the run with {@code seed}. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    private Set<Integer> principalIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        for (int replica = 0; replica < principals.n(); replica++) {
            ids.add(replica);
        }
        principals.clients().stream().sorted().forEach(ids::add);
        return ids;
    }

    private void installSessionKeys() {
        SplittableRandom random = random("session-keys");
        for (int from : principalIds()) {
            for (int to : principalIds()) {
                if (from != to && (principals.isReplica(from) || principals.isReplica(to))) {
                    byte[] raw = new byte[SessionKey.LENGTH];
                    random.nextBytes(raw);
                    SessionKey key = SessionKey.fromRaw(raw);
                    keys.get(to).installInKey(from, key, 0);
                    keys.get(from).installOutKey(to, key, 0);
                }
            }
        }
    }

    /** Gives host {@code principal} the node {@code factory} builds, and returns the node. */
    public <T extends ProtocolNode> T start(int principal, NodeFactory<T> factory) {
        SimHost host = host(principal);
        HostContext context = new HostContext(principal, principals, host, host.clock(),
                Seeds.randomSource(random("host-" + principal)), keys.get(principal), codec, digests);
        T node = factory.create(context);
        host.attach(node);
        return node;
    }

    /**
     * Restarts crashed host {@code principal} with a new node from {@code factory}: a process that
     * lost its memory (its session keys, being the simulator's, survive).
     */
    public <T extends ProtocolNode> T restart(int principal, NodeFactory<T> factory) {
        host(principal).revive();
        return start(principal, factory);
    }

    public long seed() {
        return seed;
    }

    public Principals principals() {
        return principals;
    }

    public MessageCodec codec() {
        return codec;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public SimNetwork network() {
        return network;
    }

    public EventTrace trace() {
        return trace;
    }

    public long nowMillis() {
        return scheduler.nowMillis();
    }

    public SimHost host(int principal) {
        SimHost host = hosts.get(principal);
        if (host == null) {
            throw new IllegalArgumentException("no principal " + principal + " in this simulation");
        }
        return host;
    }

    /** The hosts, replicas first, in id order. */
    public List<SimHost> hosts() {
        return Collections.unmodifiableList(new ArrayList<>(hosts.values()));
    }

    /**
     * The stream of the run's seed for {@code component} (see {@link Seeds}). The simulation itself
     * uses "network", "network-faults", "session-keys" and "host-" followed by the principal id;
     * a scenario picks other names ("scenario", "workload", ...).
     */
    public SplittableRandom random(String component) {
        return Seeds.stream(seed, component);
    }

    /** Runs {@code action} (a fault, a heal, a check) at {@code timeMillis} of virtual time. */
    public void at(long timeMillis, Runnable action) {
        scheduler.at(timeMillis, action);
    }

    /** Runs {@code action} as an event of host {@code principal} at {@code timeMillis}, then checks its invariants. */
    public void on(int principal, long timeMillis, Runnable action) {
        SimHost host = host(principal);
        scheduler.at(timeMillis, () -> host.run(action));
    }

    /** Runs every event up to {@code timeMillis}. */
    public void runUntil(long timeMillis) {
        scheduler.runUntil(timeMillis);
    }

    /** Runs until {@code done} holds or {@code limitMillis} passes; says whether it held. */
    public boolean runUntil(BooleanSupplier done, long limitMillis) {
        return scheduler.runUntil(done, limitMillis);
    }

    /** One line on what happened, for a failure message. */
    public String summary() {
        return "seed " + seed + " at " + nowMillis() + " ms: " + scheduler.executedEvents() + " events, "
                + network.counters() + ", trace " + Long.toHexString(trace.hash());
    }

    /** The settings of a simulation; everything has a default but the seed. */
    public static final class Builder {
        private final long seed;
        private int f = 1;
        private Set<Integer> clients = Set.of();
        private int groupId = 1;
        private WireLimits wireLimits = WireLimits.defaults();
        private MacSettings mac = MacSettings.DEFAULT;
        private DigestAlgorithm digests = DigestAlgorithm.DEFAULT;
        private NetworkConditions conditions = NetworkConditions.perfect();
        private long eventsMax = EVENTS_MAX_DEFAULT;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Faults tolerated: the group has {@code 3f + 1} replicas {@code 0..3f}. Default 1. */
        public Builder f(int f) {
            this.f = f;
            return this;
        }

        /** The client principals; their ids are at least {@code 3f + 1}. Default none. */
        public Builder clients(Integer... clients) {
            this.clients = Set.of(clients);
            return this;
        }

        public Builder groupId(int groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder wireLimits(WireLimits wireLimits) {
            this.wireLimits = wireLimits;
            return this;
        }

        public Builder mac(MacSettings mac) {
            this.mac = mac;
            return this;
        }

        public Builder digests(DigestAlgorithm digests) {
            this.digests = digests;
            return this;
        }

        /** The network's conditions at the start; {@link SimNetwork#conditions} changes them later. */
        public Builder conditions(NetworkConditions conditions) {
            this.conditions = conditions;
            return this;
        }

        public Builder eventsMax(long eventsMax) {
            this.eventsMax = eventsMax;
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }
    }
}
