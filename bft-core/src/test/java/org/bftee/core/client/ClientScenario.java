package org.bftee.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.Digester;
import org.bftee.core.crypto.KeyInstall;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.SessionKey;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.crypto.Verification;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.protocol.ReplyRules;

/**
 * A client core in front of a replica group that the test plays by hand: the test invokes
 * operations, makes replicas reply ({@code from(2).tentative().says("A")}), moves the clock, and
 * reads the effects and outcomes. Every event is followed by the core's invariant checks.
 */
final class ClientScenario {

    static final int CLIENT = 1000;
    static final long START_MILLIS = 1_000_000;
    static final int GROUP = 7;

    final int f;
    final int n;
    final Quorums quorums;
    final ManualClock clock = new ManualClock(START_MILLIS);
    final RecordingOutbox outbox = new RecordingOutbox(clock);
    final RecordingListener listener = new RecordingListener();
    final MessageCodec codec = new MessageCodec(GROUP, WireLimits.defaults());
    final ClientCore core;

    private final Digester digester = DigestAlgorithm.SHA_256.newDigester();
    private final SessionKeys clientKeys;
    private final Authenticators[] replicaAuthenticators;
    private final long[] lastInvoked;

    private ClientScenario(int f, int lanes, ProtocolLimits limits, ProtocolTimeouts timeouts) {
        this.f = f;
        this.quorums = new Quorums(f);
        this.n = quorums.n();
        this.clientKeys = new SessionKeys(CLIENT, MacSettings.DEFAULT, n);
        this.replicaAuthenticators = new Authenticators[n];
        for (int replica = 0; replica < n; replica++) {
            replicaAuthenticators[replica] = new Authenticators(new SessionKeys(replica, MacSettings.DEFAULT, 64));
        }
        refreshKeys(1);
        this.lastInvoked = new long[lanes];
        Arrays.fill(lastInvoked, -1);
        ClientConfig config = new ClientConfig(CLIENT, f, lanes, limits, timeouts);
        this.core = new ClientCore(config, codec, DigestAlgorithm.SHA_256.newDigester(),
                new Authenticators(clientKeys), clock, outbox, listener);
    }

    static ClientScenario group(int f) {
        return group(f, 4, ProtocolLimits.defaults());
    }

    static ClientScenario group(int f, int lanes, ProtocolLimits limits) {
        return new ClientScenario(f, lanes, limits, ProtocolTimeouts.defaults());
    }

    /** Every replica chooses a fresh key for the client's messages, as its NEW-KEY would. */
    void refreshKeys(long epoch) {
        for (int replica = 0; replica < n; replica++) {
            byte[] raw = new byte[SessionKey.LENGTH];
            Arrays.fill(raw, (byte) (31 * replica + epoch));
            SessionKey key = SessionKey.fromRaw(raw);
            assertEquals(KeyInstall.INSTALLED, replicaAuthenticators[replica].keys().installInKey(CLIENT, key, epoch));
            assertEquals(KeyInstall.INSTALLED, clientKeys.installOutKey(replica, key, epoch));
        }
    }

    /** Invokes {@code operation} on {@code lane}, expecting it to start; returns its timestamp. */
    long invoke(int lane, String operation, OperationKind kind) {
        assertEquals(Invocation.STARTED, core.invoke(lane, bytes(operation), kind));
        core.checkInvariants();
        lastInvoked[lane] = core.outstandingTimestamp(lane).orElseThrow();
        return lastInvoked[lane];
    }

    long readWrite(String operation) {
        return invoke(0, operation, OperationKind.READ_WRITE);
    }

    long readOnly(String operation) {
        return invoke(0, operation, OperationKind.READ_ONLY);
    }

    /** A reply from {@code replica} for lane 0's request, committed, full, in view 0, until told otherwise. */
    ReplyBuilder from(int replica) {
        return new ReplyBuilder(replica);
    }

    /** Moves the clock by {@code millis}, delivering each timer expiry on the way at its due time. */
    void advance(long millis) {
        long target = clock.nowMillis() + millis;
        while (outbox.timerSet() && outbox.timerDue() <= target) {
            clock.set(Math.max(clock.nowMillis(), outbox.timerDue()));
            outbox.timerFired();
            core.onTimer(ProtocolTimer.CLIENT_RETRANSMIT);
            core.checkInvariants();
        }
        clock.set(target);
    }

    /** The replica that sends the full result for lane {@code lane}'s outstanding request. */
    int designated(int lane) {
        return ReplyRules.designatedReplier(CLIENT, lane, core.outstandingTimestamp(lane).orElseThrow(), n);
    }

    /** A replica other than the designated one for lane 0, the {@code k}-th of them. */
    int undesignated(int k) {
        int designated = designated(0);
        return k < designated ? k : k + 1;
    }

    /** Whether every replica accepts the request's authenticator, as it would when the request arrives. */
    boolean authenticToEveryReplica(Request request) {
        var digest = digester.digest(codec.requestDigestInput(request));
        for (int replica = 0; replica < n; replica++) {
            Verification verification = replicaAuthenticators[replica]
                    .verifyMulticast(CLIENT, digest, request.authenticator(), n);
            if (verification != Verification.OK) {
                return false;
            }
        }
        return true;
    }

    List<Bytes> results() {
        return listener.outcomes.stream().filter(RecordingListener.Outcome::isResult)
                .map(RecordingListener.Outcome::result).collect(Collectors.toList());
    }

    List<RecordingListener.Outcome> conflicts() {
        return listener.outcomes.stream().filter(outcome -> !outcome.isResult()).collect(Collectors.toList());
    }

    static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    Bytes digestOf(String result) {
        return Bytes.of(ReplyRules.resultDigest(digester, bytes(result)).toByteArray());
    }

    /** One reply, described fluently and delivered by {@link #says}. */
    final class ReplyBuilder {

        private final int replica;
        private int sender;
        private int client = CLIENT;
        private int lane;
        private Long timestamp;
        private long view;
        private int flags;

        private ReplyBuilder(int replica) {
            this.replica = replica;
            this.sender = replica;
        }

        ReplyBuilder tentative() {
            flags |= Reply.TENTATIVE;
            return this;
        }

        ReplyBuilder digestOnly() {
            flags |= Reply.DIGEST_ONLY;
            return this;
        }

        ReplyBuilder inView(long replyView) {
            view = replyView;
            return this;
        }

        ReplyBuilder onLane(int replyLane) {
            lane = replyLane;
            return this;
        }

        ReplyBuilder at(long replyTimestamp) {
            timestamp = replyTimestamp;
            return this;
        }

        /** The frame came from {@code frameSender}, whatever the reply says. */
        ReplyBuilder sentBy(int frameSender) {
            sender = frameSender;
            return this;
        }

        ReplyBuilder toClient(int replyClient) {
            client = replyClient;
            return this;
        }

        Reply build(String result) {
            long t = timestamp != null ? timestamp
                    : lane < lastInvoked.length ? core.outstandingTimestamp(lane).orElse(lastInvoked[lane]) : 1;
            Bytes body = (flags & Reply.DIGEST_ONLY) != 0 ? digestOf(result) : bytes(result);
            return new Reply(view, client, lane, t, replica, flags, body);
        }

        /** Delivers the reply with {@code result} (its digest for a digest-only reply). */
        void says(String result) {
            core.onMessage(sender, build(result));
            core.checkInvariants();
        }
    }
}
