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
 * other. {@link #refreshKeys} is a key refresh: the principal draws new in-keys and every peer
 * installs them as its out-keys at once, as if its signed NEW-KEY arrived with no delay (the
 * NEW-KEY itself, its signature and encryption, is tested on its own and over Netty). From then
 * on a frame under a replaced key is refused, whoever holds the old key: {@link #stealKeys} hands
 * an attacker the keys a principal holds at that moment.
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
    /** The key of every ordered pair ({@link #pair}), as the receiver chose it last. */
    private final Map<Long, SessionKey> currentKeys = new TreeMap<>();
    /** Per principal, the counter of its last NEW-KEY: the epoch of the in-keys it chose last. */
    private final Map<Integer, Long> newKeyCounters = new TreeMap<>();
    private final SplittableRandom refreshRandom;
    private final MacSettings mac;

    private Simulation(Builder builder) {
        this.seed = builder.seed;
        this.principals = new Principals(new Quorums(builder.f), builder.clients);
        this.codec = new MessageCodec(builder.groupId, builder.wireLimits);
        this.digests = builder.digests;
        this.mac = builder.mac;
        this.refreshRandom = random("key-refresh");
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
        for (int to : principalIds()) {
            newKeyCounters.put(to, 0L);
            for (int from : peersOf(to)) {
                install(from, to, freshKey(random), 0);
            }
        }
    }

    /** The principals that share keys with {@code principal}: every other one, if it is a replica; else the replicas. */
    private List<Integer> peersOf(int principal) {
        List<Integer> peers = new ArrayList<>();
        for (int peer : principalIds()) {
            if (peer != principal && (principals.isReplica(peer) || principals.isReplica(principal))) {
                peers.add(peer);
            }
        }
        return peers;
    }

    private static SessionKey freshKey(SplittableRandom random) {
        byte[] raw = new byte[SessionKey.LENGTH];
        random.nextBytes(raw);
        return SessionKey.fromRaw(raw);
    }

    private void install(int from, int to, SessionKey key, long epoch) {
        if (keys.get(to).installInKey(from, key, epoch) != org.bftee.core.crypto.KeyInstall.INSTALLED
                || keys.get(from).installOutKey(to, key, epoch) != org.bftee.core.crypto.KeyInstall.INSTALLED) {
            throw new IllegalStateException("key " + from + " -> " + to + " of epoch " + epoch + " refused");
        }
        currentKeys.put(pair(from, to), key);
    }

    private static long pair(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    /**
     * A key refresh by {@code principal}: fresh keys for every peer's messages to it, with the
     * next NEW-KEY counter, installed at both ends. A frame sealed under a replaced key and still
     * on the network is refused on arrival, as over Netty.
     */
    public void refreshKeys(int principal) {
        long epoch = newKeyCounters.merge(principal, 1L, Long::sum);
        for (int peer : peersOf(principal)) {
            install(peer, principal, freshKey(refreshRandom), epoch);
        }
        trace.record(scheduler.nowMillis(), "new-key", principal, epoch, 0);
    }

    /** The counter of {@code principal}'s last key refresh (0 before the first). */
    public long keyEpoch(int principal) {
        return newKeyCounters.get(principal);
    }

    /**
     * What an attacker who holds {@code victim}'s process copies: the keys it verifies its peers'
     * messages with, and the keys it seals its own with, each as sessions keys of the principal
     * that would use it ({@code victim} itself for its out-keys; the peer for the victim's in-key
     * from that peer). The copies do not follow later refreshes.
     */
    public StolenKeys stealKeys(int victim) {
        SessionKeys asVictim = new SessionKeys(victim, mac, principalIds().size());
        Map<Integer, SessionKeys> asPeers = new TreeMap<>();
        Map<Integer, Long> epochs = new TreeMap<>();
        for (int peer : peersOf(victim)) {
            SessionKey out = currentKeys.get(pair(victim, peer));
            asVictim.installOutKey(peer, out, keys.get(victim).outKeyEpoch(peer));
            SessionKeys peerCopy = new SessionKeys(peer, mac, principalIds().size());
            peerCopy.installOutKey(victim, currentKeys.get(pair(peer, victim)), keyEpoch(victim));
            asPeers.put(peer, peerCopy);
            epochs.put(peer, keyEpoch(peer));
        }
        return new StolenKeys(victim, keyEpoch(victim), epochs, sealer(asVictim), sealers(asPeers));
    }

    private FrameSealer sealer(SessionKeys sessionKeys) {
        return new FrameSealer(codec, new Authenticators(sessionKeys), digests.newDigester(), principals);
    }

    private Map<Integer, FrameSealer> sealers(Map<Integer, SessionKeys> byPrincipal) {
        Map<Integer, FrameSealer> sealers = new TreeMap<>();
        byPrincipal.forEach((principal, sessionKeys) -> sealers.put(principal, sealer(sessionKeys)));
        return sealers;
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
