package org.bftee.core.client;

import java.util.Objects;
import java.util.OptionalLong;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.protocol.ReplyRules;
import org.bftee.core.protocol.TimeSource;

/**
 * The client side of the protocol for one client principal: a single-threaded state machine with
 * one outstanding request per lane. Inputs are {@link #invoke}, {@link #onMessage},
 * {@link #onTimer} and {@link #cancel}; outputs are effects on the {@link Outbox} and outcomes on
 * the {@link ClientListener}.
 *
 * <p>The driver (the runtime's {@code BftClient}, or the simulator):
 * <ol>
 *   <li>creates one core per client principal and calls it from one thread only (STYLE rule 10),
 *       never concurrently and never from the outbox or listener of another core;
 *   <li>hands it only replies whose frame MAC it has verified, with the authenticated sender id;
 *       NEW-KEY messages go to key management, which installs keys in the {@code SessionKeys} of
 *       the {@link Authenticators} given here (every send is authenticated afresh, so
 *       retransmissions use the newest keys);
 *   <li>applies the outbox effects in the order they are emitted: {@code send} and
 *       {@code multicast} carry REQUESTs whose authenticator is already in the message;
 *       {@code setTimer(CLIENT_RETRANSMIT, d)} (re)starts the one retransmission timer;
 *   <li>calls {@link #onTimer} with {@link ProtocolTimer#CLIENT_RETRANSMIT} when that timer expires;
 *   <li>calls {@link #cancel} when its own per-call deadline passes; the request may still execute;
 *   <li>maps outcomes: {@link ClientListener#onResult} to the caller's result,
 *       {@link ClientListener#onConflictingReplies} to {@code BftConflictingRepliesException},
 *       {@link Invocation#REFUSED_OPERATION_TOO_LARGE} to a rejected operation. Listener calls
 *       happen inside the event, after the core's state is updated, so the listener may invoke again.
 * </ol>
 *
 * <p>Rules, from PROTOCOL.md: a read-write request goes to the believed primary, or to every
 * replica when its operation exceeds the large-request threshold; a read-only one always to every
 * replica. A lane's deadline passing makes it retransmit to every replica and double its timeout
 * up to the maximum; one timer is kept, set to the earliest deadline. Replies are matched on
 * {@code (client, lane, timestamp)} and result digest ({@link ReplyCertificate}). A digest
 * certificate without a matching full result makes the request ask every replica for full
 * results: at once if the designated replier's full result is known to differ, else at the next
 * retransmission. A read-only request falls back to a read-write request with a new timestamp
 * when its timer expires, when its replies can no longer reach {@code 2f + 1}, or when its
 * designated replier's full result differs from the certificate. A read-write request ends in
 * a conflicting-replies failure when its committed replies prove more than {@code f} replicas
 * faulty ({@link ReplyCertificate#committedRepliesConflict}); otherwise it waits, retransmitting.
 *
 * <p>Invoking on an unknown or busy lane is a driver bug and throws; an oversized operation is
 * the application's input and is refused with a result. Bad replies are dropped with a
 * {@link ClientDropReason} and never throw.
 */
public final class ClientCore {

    private final ClientConfig config;
    private final Quorums quorums;
    private final RequestAuthentication authentication;
    private final Digester digester;
    private final TimeSource time;
    private final Outbox outbox;
    private final ClientListener listener;
    private final Lane[] lanes;
    private final ViewEstimate viewEstimate;
    private final ClientCounters counters = new ClientCounters();
    private final RetransmitTimer timer;
    /**
     * Per replica, until when (the client's clock) it is not trusted to send full results: a request it
     * would be the designated replier of asks every replica for its full result from the first send.
     * Why: a replica that is down, behind or faulty never sends the full result it is designated for,
     * and each request that names it would otherwise wait a whole retransmission timeout; with digest
     * replies that is one request in {@code n}, which took the group to a few percent of its throughput
     * while one replica was out (the attack benchmark's silent state replier). A suspicion lasts
     * {@code timeouts.client-retransmit-max}, then the replica gets another chance.
     */
    private final long[] replierSuspectedUntilMillis;

    /**
     * @param codec          the group's codec, for the request digest input
     * @param digester       the group's digester, owned by this core's thread from now on
     * @param authenticators this principal's MACs; its session keys are shared with key management
     * @throws IllegalArgumentException if the keys are another principal's, or the codec's wire limits
     *                                  cannot carry the requests the configuration allows
     */
    public ClientCore(ClientConfig config, MessageCodec codec, Digester digester, Authenticators authenticators,
                      TimeSource time, Outbox outbox, ClientListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.quorums = config.quorums();
        this.authentication = new RequestAuthentication(config, codec, digester, authenticators);
        this.digester = Objects.requireNonNull(digester, "digester");
        this.time = Objects.requireNonNull(time, "time");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lanes = new Lane[config.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i, quorums);
        }
        this.viewEstimate = new ViewEstimate(quorums);
        this.timer = new RetransmitTimer(outbox);
        this.replierSuspectedUntilMillis = new long[quorums.n()];
    }

    /**
     * Sends {@code operation} as the next request of {@code lane}.
     *
     * @throws IllegalArgumentException if the lane does not exist
     * @throws IllegalStateException    if the lane already has a request outstanding (a driver bug:
     *                                  each lane belongs to one caller at a time)
     */
    public Invocation invoke(int lane, Bytes operation, OperationKind kind) {
        Lane target = lane(lane);
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        if (target.isBusy()) {
            throw new IllegalStateException("lane " + lane + " already has request " + target.lastTimestamp()
                    + " outstanding; wait for its outcome or cancel it first");
        }
        if (operation.length() > config.limits().requestBytesMax()) {
            counters.countRefusedTooLarge();
            return Invocation.REFUSED_OPERATION_TOO_LARGE;
        }
        long now = time.nowMillis();
        target.start(kind, operation, now, config.retransmitMillis());
        if (kind == OperationKind.READ_WRITE && replierSuspectedUntilMillis[designatedReplier(target)] > now) {
            target.requestFullRepliesFromAll();
            counters.countFullRepliesRequest();
        }
        counters.countRequestStarted();
        sendFirst(target);
        timer.reschedule(lanes, now);
        return Invocation.STARTED;
    }

    /** Handles a message from {@code sender}, the id its frame was authenticated for. */
    public void onMessage(int sender, Message message) {
        // A switch expression, so that a new message type fails to compile until it is placed here.
        boolean forClient = switch (message.type()) {
            case REPLY -> true;
            case REQUEST, PRE_PREPARE, PREPARE, COMMIT, CHECKPOINT, VIEW_CHANGE, VIEW_CHANGE_ACK, NEW_VIEW, NEW_KEY,
                    QUERY_STABLE, REPLY_STABLE, FETCH, META_DATA, META_DATA_DIGEST, DATA, STATUS -> false;
        };
        if (forClient) {
            onReply(sender, (Reply) message);
        } else {
            counters.countDrop(ClientDropReason.NOT_A_REPLY);
        }
    }

    /**
     * Handles the expiry of the retransmission timer: every lane whose deadline has passed
     * retransmits (or, if read-only, falls back to read-write).
     *
     * @throws IllegalArgumentException for any other timer: the driver mixed up its cores
     */
    public void onTimer(ProtocolTimer expired) {
        if (expired != ProtocolTimer.CLIENT_RETRANSMIT) {
            throw new IllegalArgumentException("a client core has no " + expired + " timer");
        }
        long now = timer.expired(time.nowMillis());
        for (Lane lane : lanes) {
            if (lane.isBusy() && lane.deadlineMillis() <= now) {
                expire(lane, now);
            }
        }
        timer.reschedule(lanes, now);
    }

    /**
     * Sends every outstanding request to {@code replica} again, now, whatever the lanes' deadlines: the
     * driver calls it when {@code replica} announced fresh keys (NEW-KEY), which is what a replica does
     * after it restarted. It dropped what this client sent it before as not authentic, and the backed-off
     * timer (up to {@code timeouts.client-retransmit-max}) would leave it waiting that long for requests
     * it could serve; after a crash of the whole group every replica is in that position. The deadlines
     * and backoff stay as they are: this is one more copy to one replica, not a retransmission round.
     */
    public void resendOutstandingTo(int replica) {
        if (replica < 0 || replica >= quorums.n()) {
            throw new IllegalArgumentException("replica " + replica + " outside [0, " + quorums.n() + ")");
        }
        for (Lane lane : lanes) {
            if (lane.isBusy()) {
                outbox.send(replica, request(lane));
            }
        }
    }

    /**
     * Stops waiting for {@code lane}'s outstanding request, for the driver's per-call timeout. The
     * listener hears nothing of it; late replies are dropped as {@link ClientDropReason#OLD_TIMESTAMP}.
     *
     * @return whether a request was outstanding
     */
    public boolean cancel(int lane) {
        Lane target = lane(lane);
        if (!target.isBusy()) {
            return false;
        }
        target.finish();
        counters.countCancellation();
        timer.reschedule(lanes, time.nowMillis());
        return true;
    }

    public boolean isBusy(int lane) {
        return lane(lane).isBusy();
    }

    /** The timestamp of {@code lane}'s outstanding request, if it has one. */
    public OptionalLong outstandingTimestamp(int lane) {
        Lane target = lane(lane);
        return target.isBusy() ? OptionalLong.of(target.lastTimestamp()) : OptionalLong.empty();
    }

    /** The view the client believes the group is in (see {@link ViewEstimate}). */
    public long believedView() {
        return viewEstimate.view();
    }

    public ClientConfig config() {
        return config;
    }

    public ClientCounters counters() {
        return counters;
    }

    /** Always-on consistency checks of every lane and of the timer, for tests after every event. */
    public void checkInvariants() {
        for (Lane lane : lanes) {
            lane.checkInvariants(config.retransmitMillis(), config.retransmitMaxMillis());
        }
        timer.checkInvariants(lanes);
        if (viewEstimate.view() < 0) {
            throw new IllegalStateException("negative believed view " + viewEstimate.view());
        }
    }

    /** Replicas whose reply counts towards {@code lane}'s outstanding request. */
    int repliesCounted(int lane) {
        return lane(lane).certificate().voters();
    }

    private void onReply(int sender, Reply reply) {
        ClientDropReason reason = check(sender, reply);
        if (reason != null) {
            counters.countDrop(reason);
            return;
        }
        Lane lane = lanes[reply.lane()];
        Digest digest = reply.isDigestOnly() ? reply.resultDigest() : ReplyRules.resultDigest(digester, reply.result());
        Bytes full = reply.isDigestOnly() ? null : reply.result();
        ClientDropReason unchanged = switch (lane.certificate().record(sender, reply.view(), reply.isTentative(),
                digest, full)) {
            case COUNTED -> null;
            case SUPERSEDED -> ClientDropReason.SUPERSEDED;
            case DUPLICATE -> ClientDropReason.DUPLICATE;
        };
        if (unchanged != null) {
            counters.countDrop(unchanged);
            return;
        }
        viewEstimate.report(sender, reply.view());
        decide(lane);
    }

    /** The reason to drop {@code reply}, or {@code null} if it belongs to an outstanding request. */
    private ClientDropReason check(int sender, Reply reply) {
        if (sender < 0 || sender >= quorums.n()) {
            return ClientDropReason.SENDER_NOT_A_REPLICA;
        }
        if (reply.replica() != sender) {
            return ClientDropReason.REPLICA_NOT_SENDER;
        }
        if (reply.client() != config.client()) {
            return ClientDropReason.OTHER_CLIENT;
        }
        if (reply.lane() >= lanes.length) {
            return ClientDropReason.UNKNOWN_LANE;
        }
        Lane lane = lanes[reply.lane()];
        if (reply.timestamp() > lane.lastTimestamp()) {
            return ClientDropReason.FUTURE_TIMESTAMP;
        }
        if (!lane.isBusy() || reply.timestamp() < lane.lastTimestamp()) {
            return ClientDropReason.OLD_TIMESTAMP;
        }
        if (!reply.isDigestOnly() && reply.result().length() > config.limits().replyBytesMax()) {
            return ClientDropReason.RESULT_TOO_LARGE;
        }
        return null;
    }

    private void decide(Lane lane) {
        ReplyCertificate certificate = lane.certificate();
        if (lane.kind() == OperationKind.READ_WRITE && certificate.committedRepliesConflict()) {
            fail(lane, certificate.conflictEvidence());
            return;
        }
        Digest certified = certificate.certified(lane.kind());
        if (certified == null) {
            if (lane.kind() == OperationKind.READ_ONLY && certificate.readOnlyCertificateImpossible()) {
                fallBack(lane, time.nowMillis());
            }
            return;
        }
        Bytes result = certificate.fullResult(certified);
        if (result != null) {
            complete(lane, result);
        } else if (certificate.fullResultDiffers(designatedReplier(lane), certified)) {
            if (lane.kind() == OperationKind.READ_ONLY) {
                fallBack(lane, time.nowMillis());
            } else if (!lane.fullRepliesFromAll()) {
                suspectReplier(designatedReplier(lane));
                lane.requestFullRepliesFromAll();
                counters.countFullRepliesRequest();
                outbox.multicast(request(lane));
            }
        }
    }

    private void expire(Lane lane, long now) {
        if (lane.kind() == OperationKind.READ_ONLY) {
            fallBack(lane, now);
            return;
        }
        if (!lane.fullRepliesFromAll() && lane.certificate().certified(OperationKind.READ_WRITE) != null) {
            // The certificate formed on a digest whose full result never arrived.
            suspectReplier(designatedReplier(lane));
            lane.requestFullRepliesFromAll();
            counters.countFullRepliesRequest();
        }
        lane.backOff(now, config.retransmitMaxMillis());
        counters.countRetransmission();
        outbox.multicast(request(lane));
    }

    private void suspectReplier(int replica) {
        replierSuspectedUntilMillis[replica] = time.nowMillis() + config.retransmitMaxMillis();
        counters.countReplierSuspected();
    }

    private void fallBack(Lane lane, long now) {
        lane.fallBackToReadWrite(now, config.retransmitMillis());
        counters.countReadOnlyFallback();
        sendFirst(lane);
        timer.reschedule(lanes, now);
    }

    private void complete(Lane lane, Bytes result) {
        long timestamp = lane.lastTimestamp();
        lane.finish();
        counters.countResult();
        timer.reschedule(lanes, time.nowMillis());
        listener.onResult(lane.index(), timestamp, result);
    }

    private void fail(Lane lane, String evidence) {
        long timestamp = lane.lastTimestamp();
        lane.finish();
        counters.countConflict();
        timer.reschedule(lanes, time.nowMillis());
        listener.onConflictingReplies(lane.index(), timestamp, evidence);
    }

    private void sendFirst(Lane lane) {
        Request request = request(lane);
        if (lane.kind() == OperationKind.READ_ONLY
                || lane.operation().length() > config.limits().largeRequestThresholdBytes()) {
            outbox.multicast(request);
        } else {
            outbox.send(viewEstimate.primary(), request);
        }
    }

    private Request request(Lane lane) {
        return authentication.authenticate(config.client(), lane.index(), lane.lastTimestamp(), lane.flags(),
                lane.operation());
    }

    private int designatedReplier(Lane lane) {
        return ReplyRules.designatedReplier(config.client(), lane.index(), lane.lastTimestamp(), quorums.n());
    }

    private Lane lane(int lane) {
        if (lane < 0 || lane >= lanes.length) {
            throw new IllegalArgumentException("lane " + lane + " outside [0, " + lanes.length + ")");
        }
        return lanes[lane];
    }
}
