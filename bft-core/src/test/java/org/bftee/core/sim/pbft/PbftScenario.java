package org.bftee.core.sim.pbft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bftee.core.client.OperationKind;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.Request;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.sim.MessageInterceptor;
import org.bftee.core.sim.Partition;

/**
 * A small language for scripted scenarios on the simulator, so that a test reads like the paper:
 * <pre>{@code
 * PbftScenario group = PbftScenario.withF(1).clients(2);
 * group.at(0).client(0).puts("k", "old");
 * group.at(100).cut(3).until(600);
 * group.at(150).client(1).puts("k", "new");
 * group.runUntilIdle();
 * }</pre>
 * Underneath is a {@link PbftCluster}: real replicas (the KV service), real client cores with one
 * lane each, real frames, every checker. The network is perfect (1 ms per hop) unless a step
 * says otherwise; all times are virtual milliseconds.
 */
final class PbftScenario {

    /** How long {@link #runUntilIdle()} waits for the clients after the last scripted step. */
    static final long IDLE_LIMIT_MILLIS = 3_000;

    private final int f;
    private int clients = 1;
    private int faultyClients;
    private long seed = 1;
    private PbftCluster group;
    private final List<List<Rule>> rules = new ArrayList<>();
    private final List<ByzantineClient> faulty = new ArrayList<>();
    private long lastStepMillis;
    private long faultyRequests;

    /** What one replica does to its outgoing messages from {@code fromMillis} until {@code untilMillis}. */
    private record Rule(long fromMillis, long untilMillis, MessageInterceptor rewrite) {
    }

    private PbftScenario(int f) {
        this.f = f;
    }

    /** A group of {@code 3f + 1} replicas. */
    static PbftScenario withF(int f) {
        return new PbftScenario(f);
    }

    /** {@code count} correct clients, {@code client(0)} to {@code client(count - 1)}. */
    PbftScenario clients(int count) {
        this.clients = count;
        return this;
    }

    /** {@code count} faulty clients, {@code faultyClient(0)} and up, that send what a step says. */
    PbftScenario faultyClients(int count) {
        this.faultyClients = count;
        return this;
    }

    /** The seed of the few random draws left (session keys). Default 1. */
    PbftScenario seed(long value) {
        this.seed = value;
        return this;
    }

    /** The step at {@code millis} of virtual time. */
    Moment at(long millis) {
        lastStepMillis = Math.max(lastStepMillis, millis);
        return new Moment(millis);
    }

    /**
     * Runs until every correct client is idle after the last step (or {@link #IDLE_LIMIT_MILLIS}
     * more), then until what they accepted has committed (or {@link Families#SETTLE_MAX_MILLIS} more).
     */
    boolean runUntilIdle() {
        group();
        group.sim().runUntil(lastStepMillis);
        boolean idle = group.runUntilClientsIdle(lastStepMillis, lastStepMillis + IDLE_LIMIT_MILLIS);
        group.sim().runUntil(group.checkers()::everyAcceptedResultCommitted,
                group.sim().nowMillis() + Families.SETTLE_MAX_MILLIS);
        return idle;
    }

    SimClient client(int index) {
        return group().client(index);
    }

    /** The last result {@code client(index)} accepted. */
    SimClient.Completed lastCompleted(int index) {
        List<SimClient.Completed> completed = client(index).completed();
        if (completed.isEmpty()) {
            throw new AssertionError("client " + index + " completed nothing; replicas: " + group.replicaStates());
        }
        return completed.get(completed.size() - 1);
    }

    /** Every replica's state, for assertion messages. */
    String replicaStates() {
        return group().replicaStates();
    }

    SimReplica replica(int id) {
        return group().replica(id);
    }

    /** Agreement, exactly-once, no request a correct client did not issue, linearizability. */
    void verifySafety() {
        group().verifySafety();
    }

    /** Every operation outstanding when the faults stopped (see {@link Moment#faultsStop}), or invoked after, completed in time. */
    void verifyLiveness() {
        group().verifyLiveness();
    }

    /** The value a get returned, or empty for NOT_FOUND. */
    static Optional<String> value(SimClient.Completed completed) {
        ServiceResult result = ServiceResult.decode(completed.result()).orElseThrow();
        return result.payload().isEmpty() ? Optional.empty()
                : Optional.of(new String(result.payload().toByteArray(), StandardCharsets.US_ASCII));
    }

    static KvOperation put(String key, String value) {
        return new KvOperation.Put(KvWorkload.text(key), KvWorkload.text(value));
    }

    /** A put whose value makes it a large request (above the 256-byte threshold). */
    static KvOperation largePut(String key, String valuePrefix) {
        return new KvOperation.Put(KvWorkload.text(key), KvWorkload.text(valuePrefix + "-" + "L".repeat(400)));
    }

    /** The replicas an authenticator is valid for. */
    static Set<Integer> authenticFor(Integer... replicas) {
        return Set.of(replicas);
    }

    private PbftCluster group() {
        if (group == null) {
            group = PbftCluster.builder(seed).f(f).clients(clients).lanes(1).extraPrincipals(faultyClients).build();
            for (int replica = 0; replica < group.n(); replica++) {
                List<Rule> own = new ArrayList<>();
                rules.add(own);
                group.host(replica).intercept((receiver, message) -> apply(own, receiver, message));
            }
            for (int principal : group.extraPrincipals()) {
                faulty.add(group.sim().start(principal, context -> new ByzantineClient(context, group.sim())));
            }
        }
        return group;
    }

    private Message apply(List<Rule> own, int receiver, Message message) {
        long now = group.sim().nowMillis();
        Message outgoing = message;
        for (Rule rule : own) {
            if (outgoing != null && now >= rule.fromMillis() && now < rule.untilMillis()) {
                outgoing = rule.rewrite().rewrite(receiver, outgoing);
            }
        }
        return outgoing;
    }

    /** The steps that happen at one moment. */
    final class Moment {
        private final long millis;

        private Moment(long millis) {
            this.millis = millis;
        }

        ClientStep client(int index) {
            return new ClientStep(millis, index);
        }

        FaultyClientStep faultyClient(int index) {
            return new FaultyClientStep(millis, index);
        }

        /** {@code replicas} lose every link to everyone else (replicas and clients). */
        Until cut(Integer... replicas) {
            return until -> group().sim().network().partition(new Partition(Set.of(replicas), millis, until));
        }

        /** Every replica stops sending messages of {@code type}; retransmissions too. */
        Until everyReplicaDrops(MessageType type) {
            return until -> {
                group();
                for (List<Rule> own : rules) {
                    own.add(new Rule(millis, until, (receiver, message) -> message.type() == type ? null : message));
                }
            };
        }

        /** {@code replica} sends {@code rewrite}'s version of its messages instead (a Byzantine replica). */
        Until replicaLies(int replica, MessageInterceptor rewrite) {
            return until -> {
                group();
                rules.get(replica).add(new Rule(millis, until, rewrite));
            };
        }

        /** From now on the network is perfect and liveness is judged ({@link #verifyLiveness}). */
        void faultsStop() {
            group().faultsStopAt(millis, () -> { });
        }
    }

    /** Ends a step that lasts: until when. */
    @FunctionalInterface
    interface Until {
        void until(long millis);
    }

    /** What a correct client does at a moment: it invokes one operation on its lane. */
    final class ClientStep {
        private final long millis;
        private final int index;

        private ClientStep(long millis, int index) {
            this.millis = millis;
            this.index = index;
        }

        void puts(String key, String value) {
            invoke(put(key, value), OperationKind.READ_WRITE);
        }

        void putsLarge(String key, String valuePrefix) {
            invoke(largePut(key, valuePrefix), OperationKind.READ_WRITE);
        }

        /** A get ordered like a write. */
        void gets(String key) {
            invoke(new KvOperation.Get(KvWorkload.text(key)), OperationKind.READ_WRITE);
        }

        /** A get sent as a read-only request (the read-only optimization). */
        void readsOnly(String key) {
            invoke(new KvOperation.Get(KvWorkload.text(key)), OperationKind.READ_ONLY);
        }

        private void invoke(KvOperation operation, OperationKind kind) {
            SimClient client = group().client(index);
            group.sim().on(client.id(), millis, () -> client.invoke(0, operation, kind));
        }
    }

    /** What a faulty client does at a moment: it sends a request it crafted. */
    final class FaultyClientStep {
        private final long millis;
        private final int index;

        private FaultyClientStep(long millis, int index) {
            this.millis = millis;
            this.index = index;
        }

        /** Sends {@code operation} to the primary under a fresh timestamp, authentic for {@code validFor} only. */
        void sendsToThePrimary(KvOperation operation, Set<Integer> validFor) {
            send(operation, validFor, false);
        }

        /** Sends {@code operation} to every replica under a fresh timestamp, authentic for {@code validFor} only. */
        void multicasts(KvOperation operation, Set<Integer> validFor) {
            send(operation, validFor, true);
        }

        /** Sends a request, then sends the very same frame contents again {@code laterMillis} later. */
        void sendsAndReplays(KvOperation operation, long laterMillis) {
            group();
            ByzantineClient client = faulty.get(index);
            long number = faultyRequests++;
            Request[] sent = new Request[1];
            group.sim().on(group.extraPrincipals().get(index), millis, () -> sent[0] = client.send(lane(number),
                    timestamp(number), 0, KvOperations.encode(operation), allReplicas(), false));
            group.sim().on(group.extraPrincipals().get(index), millis + laterMillis,
                    () -> client.resend(sent[0], true));
        }

        private void send(KvOperation operation, Set<Integer> validFor, boolean toEveryone) {
            group();
            ByzantineClient client = faulty.get(index);
            long number = faultyRequests++;
            group.sim().on(group.extraPrincipals().get(index), millis, () -> client.send(lane(number), timestamp(number),
                    0, KvOperations.encode(operation), validFor, toEveryone));
        }

        private int lane(long number) {
            return (int) (number % SimSettings.LIMITS.lanesPerClientMax());
        }

        private long timestamp(long number) {
            return 1 + number / SimSettings.LIMITS.lanesPerClientMax();
        }

        private Set<Integer> allReplicas() {
            Set<Integer> all = new HashSet<>();
            for (int replica = 0; replica < group.n(); replica++) {
                all.add(replica);
            }
            return all;
        }
    }
}
