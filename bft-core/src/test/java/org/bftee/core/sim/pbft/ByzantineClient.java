package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.sim.HostContext;
import org.bftee.core.sim.ProtocolNode;
import org.bftee.core.sim.Simulation;

/**
 * A faulty client, built from raw requests rather than the client core. Each step it sends one
 * of: a fresh request whose authenticator is valid for only some replicas; an exact replay of a
 * request it sent before; a new operation under an old timestamp of a lane; a malformed
 * operation; a write flagged read-only; a large request (multicast). Requests go to the primary
 * or to everyone. Replies are ignored.
 *
 * <p>A partly valid authenticator is valid either for a set of replicas drawn afresh for each
 * request, which holds the primary and at least {@code 2f} backups, or for a random set without
 * the primary (which then drops the request). Requests with different sets land in one batch, so
 * often no backup can authenticate a whole batch; backups vouch per request with partial
 * PREPAREs and accept once {@code f} others vouched for each request they could not authenticate
 * (for a large request, they then take its body from a peer, as libbyz's
 * {@code Big_req_table::add_request} does). {@code 2f} leaves {@code f} to vouch even when up to
 * {@code f} backups fell behind the stable checkpoint (no state transfer yet). A request authentic
 * at the primary and fewer than {@code f} backups can stall its batch until a view change; the
 * view change issue attacks that.
 */
final class ByzantineClient implements ProtocolNode {

    /** No key-value operation has this tag, so the service answers MALFORMED whatever follows. */
    private static final byte MALFORMED_TAG = 0x7F;

    /** Keys of its own: its writes stay out of the correct clients' histories, which the linearizability check needs. */
    static Bytes key(int index) {
        return KvWorkload.text("faulty-k" + index);
    }

    private final HostContext context;
    private final Simulation sim;
    private final Authenticators authenticators;
    private final Digester digester;
    private final SplittableRandom random;
    private final int n;
    private final int f;
    private final int tagLength;
    private final long[] nextTimestamp;
    private final List<Request> sent = new ArrayList<>();
    private long stepsTaken;

    ByzantineClient(HostContext context, Simulation sim) {
        this.context = context;
        this.sim = sim;
        this.authenticators = new Authenticators(context.keys());
        this.digester = context.digests().newDigester();
        this.random = sim.random("byzantine-client-" + context.self());
        this.n = context.principals().n();
        this.f = context.principals().quorums().f();
        this.tagLength = context.keys().settings().tagLength();
        this.nextTimestamp = new long[SimSettings.LIMITS.lanesPerClientMax()];
        Arrays.fill(nextTimestamp, 1);
    }

    /** Takes a step every 5 to 40 ms from {@code startMillis} until {@code endMillis}. */
    void misbehave(long startMillis, long endMillis) {
        for (long at = startMillis + random.nextLong(40); at < endMillis; at += 5 + random.nextLong(36)) {
            sim.on(context.self(), at, this::step);
        }
    }

    long stepsTaken() {
        return stepsTaken;
    }

    /**
     * For scripted scenarios: sends {@code operation} as {@code (lane, timestamp)} with an
     * authenticator valid for the replicas in {@code validFor} only, to every replica or to the
     * primary; returns the request, for a later {@link #resend}. Called within an event of this host.
     */
    Request send(int lane, long timestamp, int flags, Bytes operation, Set<Integer> validFor,
                 boolean toEveryone) {
        boolean[] valid = new boolean[n];
        validFor.forEach(replica -> valid[replica] = true);
        Request request = request(lane, timestamp, flags, operation, valid);
        resend(request, toEveryone);
        return request;
    }

    /** Sends {@code request} again, unchanged: a replay. */
    void resend(Request request, boolean toEveryone) {
        if (toEveryone) {
            context.outbox().multicast(request);
        } else {
            context.outbox().send(0, request);
        }
    }

    @Override
    public void onMessage(int sender, Message message) {
        // A faulty client ignores what it is told.
    }

    @Override
    public void onTimer(ProtocolTimer timer) {
        throw new IllegalStateException("the faulty client sets no timer, yet " + timer + " expired");
    }

    @Override
    public void checkInvariants() {
        // Nothing to keep consistent: it may do anything.
    }

    private void step() {
        stepsTaken++;
        int draw = random.nextInt(100);
        if (draw < 20 && !sent.isEmpty()) {
            deliver(sent.get(random.nextInt(sent.size())));
            return;
        }
        int lane = random.nextInt(nextTimestamp.length);
        if (draw < 35 && nextTimestamp[lane] > 2) {
            long old = 1 + random.nextLong(nextTimestamp[lane] - 1);
            deliver(request(lane, old, 0, wellFormed(false), everyone()));
            return;
        }
        long timestamp = nextTimestamp[lane]++;
        if (draw < 50) {
            byte[] garbage = randomBytes(1 + random.nextInt(40));
            garbage[0] = MALFORMED_TAG;
            deliver(request(lane, timestamp, 0, Bytes.of(garbage), partlyValid()));
        } else if (draw < 60) {
            Bytes write = KvOperations.encode(new KvOperation.Put(key(random.nextInt(KvWorkload.KEYS)),
                    KvWorkload.text("ro-" + timestamp)));
            deliver(request(lane, timestamp, Request.READ_ONLY, write, everyone()));
        } else if (draw < 70) {
            deliver(request(lane, timestamp, Request.READ_ONLY,
                    KvOperations.encode(new KvOperation.Get(KvWorkload.key(0))), partlyValid()));
        } else if (draw < 80) {
            deliver(request(lane, timestamp, 0, wellFormed(true), partlyValid()));
        } else {
            deliver(request(lane, timestamp, 0, wellFormed(false), partlyValid()));
        }
    }

    private void deliver(Request request) {
        sent.add(request);
        boolean toEveryone = request.isReadOnly()
                || request.operation().length() > SimSettings.LIMITS.largeRequestThresholdBytes() || random.nextBoolean();
        if (toEveryone) {
            context.outbox().multicast(request);
        } else {
            context.outbox().send(0, request);
        }
    }

    private Bytes wellFormed(boolean large) {
        Bytes key = key(random.nextInt(KvWorkload.KEYS));
        String value = "faulty-" + context.self() + "-" + stepsTaken;
        if (large) {
            value = value + "-" + "z".repeat(KvWorkload.LARGE_VALUE_BYTES_MIN);
        }
        KvOperation operation = switch (random.nextInt(3)) {
            case 0 -> new KvOperation.Put(key, KvWorkload.text(value));
            case 1 -> new KvOperation.Delete(key);
            default -> new KvOperation.Get(key);
        };
        return KvOperations.encode(operation);
    }

    /** The replicas the authenticator is valid for: everyone. */
    private boolean[] everyone() {
        boolean[] valid = new boolean[n];
        Arrays.fill(valid, true);
        return valid;
    }

    /** A partial set of the class comment: the primary and {@code 2f} or more backups. */
    private boolean[] primaryAndTwoFBackups() {
        boolean[] valid = new boolean[n];
        valid[0] = true;
        int backupsValid = 0;
        for (int replica = 1; replica < n; replica++) {
            valid[replica] = random.nextBoolean();
            backupsValid += valid[replica] ? 1 : 0;
        }
        for (int replica = 1; replica < n && backupsValid < 2 * f; replica++) {
            if (!valid[replica]) {
                valid[replica] = true;
                backupsValid++;
            }
        }
        return valid;
    }

    /** The primary and at least {@code 2f} backups, or a random set without the primary (see the class comment). */
    private boolean[] partlyValid() {
        if (random.nextBoolean()) {
            return primaryAndTwoFBackups();
        }
        boolean[] valid = new boolean[n];
        for (int replica = 1; replica < n; replica++) {
            valid[replica] = random.nextBoolean();
        }
        return valid;
    }

    private Request request(int lane, long timestamp, int flags, Bytes operation, boolean[] validFor) {
        Request placeholder = new Request(context.self(), lane, timestamp, flags, operation,
                Authenticator.wrap(new byte[tagLength], tagLength));
        Digest digest = digester.digest(context.codec().requestDigestInput(placeholder));
        byte[] tags = new byte[n * tagLength];
        Authenticator genuine = authenticators.multicast(digest, n);
        for (int replica = 0; replica < n; replica++) {
            byte[] tag = validFor[replica] ? genuine.tag(replica) : randomBytes(tagLength);
            System.arraycopy(tag, 0, tags, replica * tagLength, tagLength);
        }
        return new Request(context.self(), lane, timestamp, flags, operation, Authenticator.wrap(tags, tagLength));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
