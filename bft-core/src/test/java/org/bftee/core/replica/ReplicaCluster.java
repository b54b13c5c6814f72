package org.bftee.core.replica;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;

import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.SessionKey;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.ObjectStoreLimits;

/**
 * A small synchronous test bed for scenario tests of the replica: {@code 3f + 1} replicas running
 * the key-value service, real session keys and authenticators, and a FIFO network whose every
 * message can be dropped or inspected by a filter. Frames are not encoded here (the simulator does
 * that); messages are handed over as records after the sender check a frame opener would do.
 */
final class ReplicaCluster {

    static final int CLIENT = 1000;

    record Envelope(int from, int to, Message message) {
    }

    final int f;
    final int n;
    final ProtocolLimits limits;
    final List<Replica> replicas = new ArrayList<>();
    final List<ObjectStore> stores = new ArrayList<>();
    final Map<Integer, List<Reply>> repliesTo = new HashMap<>();
    final List<Envelope> delivered = new ArrayList<>();
    private final ArrayDeque<Envelope> network = new ArrayDeque<>();
    private final Map<Integer, SessionKeys> keys = new HashMap<>();
    private final MessageCodec codec = new MessageCodec(1, WireLimits.defaults());
    long nowMillis = 1_000_000;
    /** Returns false to drop the envelope. */
    BiPredicate<Envelope, ReplicaCluster> filter = (envelope, cluster) -> true;
    private long nextTimestamp = 1;

    ReplicaCluster(int f, ProtocolLimits limits) {
        this(f, limits, replica -> new KvService(KvLimits.defaults()));
    }

    /** A cluster whose replica {@code i} runs {@code services.apply(i)}. */
    ReplicaCluster(int f, ProtocolLimits limits, java.util.function.IntFunction<org.bftee.core.service.Service> serviceOf) {
        this.f = f;
        this.n = 3 * f + 1;
        this.limits = limits;
        SplittableRandom random = new SplittableRandom(42);
        List<Integer> principals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            principals.add(i);
        }
        principals.add(CLIENT);
        for (int principal : principals) {
            keys.put(principal, new SessionKeys(principal, MacSettings.DEFAULT, n + 1));
        }
        for (int sender : principals) {
            for (int receiver : principals) {
                if (sender == receiver) {
                    continue;
                }
                SessionKey key = SessionKey.generate(random::nextBytes);
                keys.get(receiver).installInKey(sender, key, 0);
                keys.get(sender).installOutKey(receiver, key, 0);
            }
        }
        for (int i = 0; i < n; i++) {
            ReplicaConfig config = ReplicaConfig.of(i, f, limits, ProtocolTimeouts.defaults(), List.of(CLIENT));
            ObjectStore store = new ObjectStore(new ObjectStoreLimits(64, 64 * 1024,
                    ObjectStoreLimits.checkpointsRetainedFor(limits)), DigestAlgorithm.DEFAULT, config.libraryObjects());
            stores.add(store);
            ReplicaServices services = new ReplicaServices(codec, DigestAlgorithm.DEFAULT.newDigester(),
                    new Authenticators(keys.get(i)), () -> nowMillis, store, serviceOf.apply(i),
                    ReplicaObserver.NONE);
            Replica replica = new Replica(config, services,
                    outboxOf(i));
            replica.start();
            replicas.add(replica);
        }
    }

    static ProtocolLimits smallLimits() {
        return new ProtocolLimits(16, 4, 8, 64 * 1024, 2, 64 * 1024, 64 * 1024, 1024, 4);
    }

    /** A client request for {@code operation} on {@code lane}, with a fresh timestamp and a valid authenticator. */
    Request request(int lane, Bytes operation, int flags) {
        return request(lane, nextTimestamp++, operation, flags);
    }

    Request request(int lane, long timestamp, Bytes operation, int flags) {
        Request unsigned = new Request(CLIENT, lane, timestamp, flags, operation,
                Authenticator.wrap(new byte[MacSettings.DEFAULT.tagLength() * n], MacSettings.DEFAULT.tagLength()));
        var digester = DigestAlgorithm.DEFAULT.newDigester();
        Authenticator authenticator = new Authenticators(keys.get(CLIENT))
                .multicast(digester.digest(codec.requestDigestInput(unsigned)), n);
        return new Request(CLIENT, lane, timestamp, flags, operation, authenticator);
    }

    /** The client sends {@code request} to one replica. */
    void clientSends(int replica, Request request) {
        network.addLast(new Envelope(CLIENT, replica, request));
    }

    /** The client sends {@code request} to every replica. */
    void clientMulticasts(Request request) {
        for (int i = 0; i < n; i++) {
            clientSends(i, request);
        }
    }

    /** Delivers messages until the network is empty (or a bound, against livelock in a buggy replica). */
    void run() {
        for (int steps = 0; !network.isEmpty(); steps++) {
            if (steps > 1_000_000) {
                throw new IllegalStateException("network did not quiesce");
            }
            Envelope envelope = network.removeFirst();
            if (!filter.test(envelope, this)) {
                continue;
            }
            delivered.add(envelope);
            if (envelope.to() == CLIENT) {
                repliesTo.computeIfAbsent(CLIENT, c -> new ArrayList<>()).add((Reply) envelope.message());
                continue;
            }
            Replica replica = replicas.get(envelope.to());
            replica.onMessage(envelope.from(), envelope.message());
            replica.checkInvariants();
        }
    }

    /** Fires every replica's STATUS timer once, then runs the network. */
    void statusRound() {
        for (Replica replica : replicas) {
            replica.onTimer(ProtocolTimer.STATUS);
        }
        run();
    }

    List<Reply> replies(long timestamp) {
        return repliesTo.getOrDefault(CLIENT, List.of()).stream().filter(r -> r.timestamp() == timestamp).toList();
    }

    private Outbox outboxOf(int self) {
        return new Outbox() {
            @Override
            public void send(int receiver, Message message) {
                network.addLast(new Envelope(self, receiver, message));
            }

            @Override
            public void multicast(Message message) {
                for (int i = 0; i < n; i++) {
                    if (i != self) {
                        network.addLast(new Envelope(self, i, message));
                    }
                }
            }

            @Override
            public void setTimer(ProtocolTimer timer, long delayMillis) {
                // Timers are fired explicitly by the scenarios.
            }

            @Override
            public void cancelTimer(ProtocolTimer timer) {
            }
        };
    }
}
