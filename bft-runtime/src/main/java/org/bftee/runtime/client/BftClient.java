package org.bftee.runtime.client;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.OpenResult;
import org.bftee.core.auth.Principals;
import org.bftee.core.client.ClientConfig;
import org.bftee.core.client.ClientCore;
import org.bftee.core.client.ClientListener;
import org.bftee.core.client.Invocation;
import org.bftee.core.client.OperationKind;
import org.bftee.core.codec.FrameHeader;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.NewKey;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.protocol.Quorums;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.driver.CoalescedWrites;
import org.bftee.runtime.driver.DeadlineTimer;
import org.bftee.runtime.driver.KeyRefreshCounts;
import org.bftee.runtime.driver.KeyRefreshSchedule;
import org.bftee.runtime.driver.OwnerLoop;
import org.bftee.runtime.driver.ProtocolTimers;
import org.bftee.runtime.driver.SessionKeyExchange;
import org.bftee.runtime.keys.SecureRandomSource;
import org.bftee.runtime.net.CloseableFrameConnection;
import org.bftee.runtime.net.FrameConnection;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;

/**
 * A session of one client principal with a replica group: thread-safe, for many callers at once
 * (the resource adapter pools these). Each call takes a free lane of the {@link ClientCore}, or
 * waits in a bounded queue for one; the core runs on its own {@link OwnerLoop} thread, and
 * callers only ever talk to it through that loop's queue.
 *
 * <p>{@link #invokeAsync} completes with the certified result ({@code f + 1} matching committed
 * replies, or {@code 2f + 1} matching tentative or read-only ones) or exceptionally with a
 * {@link BftClientException}: {@code Timeout} after the call's timeout (the operation may still
 * execute), {@code ConflictingReplies} when the replies prove more than {@code f} replicas faulty,
 * {@code OperationRejected} for an operation above the group's size limit or a full call queue,
 * {@code GroupUnreachable} when the session is closed or could not reach the group.
 *
 * <p>Session keys: the session draws fresh in-keys for the replicas every
 * {@code timeouts.key-refresh} ({@link KeyRefreshSchedule}) and sends them its NEW-KEY; a reply
 * under a replaced key is refused, and the replica that sent it gets the NEW-KEY again. Replicas
 * refresh theirs likewise, and send their NEW-KEY to this session.
 */
public final class BftClient implements AutoCloseable {

    private static final Logger LOG = System.getLogger(BftClient.class.getName());
    private static final int OWNER_QUEUE_CAPACITY = 65_536;
    /** How often a client that lacks some replica's key announces its own again. */
    private static final long NEW_KEY_RESEND_MILLIS = 200;

    private record Call(Bytes operation, OperationKind kind, CompletableFuture<Bytes> result) {
    }

    private final GroupConfig group;
    private final int self;
    private final BftClientOptions options;
    private final NettyTransport transport;
    private final boolean ownsTransport;
    private final OwnerLoop loop;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private ScheduledFuture<?> keyAnnouncements;
    private ScheduledFuture<?> keyRefreshes;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final SessionKeyExchange keyExchange;
    private final ClientCore core;
    private final CloseableFrameConnection[] replicas;
    private final Call[] calls;
    /** When each lane's call times out, on {@link System#nanoTime()}; meaningful while the lane has a call. */
    private final long[] callDeadlines;
    /** Due at the earliest deadline of a call in progress (or earlier): one timer for all lanes. */
    private final DeadlineTimer callTimeouts;
    private final ProtocolTimers timers;
    private final ArrayDeque<Integer> freeLanes = new ArrayDeque<>();
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    private final CoalescedWrites writes = new CoalescedWrites();
    private final Map<Integer, Long> newKeyResentAt = new HashMap<>();
    private final CompletableFuture<Void> keyed = new CompletableFuture<>();
    /** {@link SessionKeyExchange#counts()} as of the owner thread's last key event, for other threads. */
    private volatile KeyRefreshCounts keyCounts = KeyRefreshCounts.NONE;
    private volatile boolean closed;

    private BftClient(GroupConfig group, int self, PrincipalKeys keys, BftClientOptions options,
                      NettyTransport transport, ScheduledExecutorService scheduler, Executor ownerThreads) {
        if (group.client(self).isEmpty()) {
            throw new IllegalArgumentException("client " + self + " is not in the group file");
        }
        this.group = group;
        this.self = self;
        this.options = options;
        WireLimits wireLimits = WireLimits.forGroup(group.limits(), group.n());
        this.ownsTransport = transport == null;
        this.transport = transport != null ? transport : new NettyTransport(TransportSettings.defaults(wireLimits));
        MessageCodec codec = new MessageCodec(group.groupId(), wireLimits);
        SessionKeys sessionKeys = new SessionKeys(self, MacSettings.DEFAULT, group.n());
        Authenticators authenticators = new Authenticators(sessionKeys);
        Principals principals = new Principals(new Quorums(group.f()),
                group.clients().stream().map(GroupConfig.ClientEntry::id).collect(Collectors.toSet()));
        this.sealer = new FrameSealer(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.opener = new FrameOpener(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.keyExchange = new SessionKeyExchange(self, group, keys, sessionKeys, new SecureRandomSource());
        this.loop = ownerThreads == null
                ? new OwnerLoop("bft-client-" + self, OWNER_QUEUE_CAPACITY, writes::flush)
                : new OwnerLoop("bft-client-" + self, OWNER_QUEUE_CAPACITY, writes::flush, ownerThreads);
        this.ownsScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bft-client-" + self + "-timers");
            thread.setDaemon(true);
            return thread;
        });
        ClientConfig config = new ClientConfig(self, group.f(), options.lanes(), group.limits(), group.timeouts());
        this.core = new ClientCore(config, codec, DigestAlgorithm.DEFAULT.newDigester(), authenticators,
                System::currentTimeMillis, new ClientOutbox(), new Listener());
        this.replicas = new CloseableFrameConnection[group.n()];
        this.calls = new Call[options.lanes()];
        this.callDeadlines = new long[options.lanes()];
        this.callTimeouts = new DeadlineTimer(this.scheduler, loop, System::nanoTime, this::expireOverdueCalls);
        this.timers = new ProtocolTimers(this.scheduler, loop, core::onTimer);
        for (int lane = 0; lane < options.lanes(); lane++) {
            freeLanes.add(lane);
        }
    }

    /**
     * Opens a session with a transport and timer thread of its own (closed with it).
     *
     * @see #connect(GroupConfig, int, PrincipalKeys, BftClientOptions, NettyTransport, ScheduledExecutorService)
     */
    public static BftClient connect(GroupConfig group, int self, PrincipalKeys keys, BftClientOptions options,
                                    NettyTransport transport) throws BftClientException.GroupUnreachable {
        return connect(group, self, keys, options, transport, null);
    }

    /**
     * Opens a session: dials every replica, exchanges session keys, and returns once keys are
     * exchanged with {@code 2f + 1} replicas (enough for every kind of certificate).
     *
     * @param transport a transport to share (the resource adapter and the load generator share one
     *                  among many sessions), or null for one of its own
     * @param scheduler a timer thread to share likewise (it only queues events on the session's
     *                  owner thread), or null for one of its own
     * @throws BftClientException.GroupUnreachable if that does not happen within the connect timeout
     */
    public static BftClient connect(GroupConfig group, int self, PrincipalKeys keys, BftClientOptions options,
                                    NettyTransport transport, ScheduledExecutorService scheduler)
            throws BftClientException.GroupUnreachable {
        return connect(new BftClient(group, self, keys, options, transport, scheduler, null));
    }

    /**
     * Opens a session that runs only on threads the caller provides ({@code threads}): a resource
     * adapter passes those of its container. Closing the session leaves them to the caller.
     *
     * @see #connect(GroupConfig, int, PrincipalKeys, BftClientOptions, NettyTransport, ScheduledExecutorService)
     */
    public static BftClient connectOn(ClientThreads threads, GroupConfig group, int self, PrincipalKeys keys,
                                      BftClientOptions options) throws BftClientException.GroupUnreachable {
        return connect(new BftClient(group, self, keys, options, threads.transport(), threads.timers(),
                threads.ownerThreads()));
    }

    private static BftClient connect(BftClient client) throws BftClientException.GroupUnreachable {
        BftClientOptions options = client.options;
        GroupConfig group = client.group;
        int self = client.self;
        client.start();
        try {
            client.keyed.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
            String keyedWith = client.keyedReplicasDescription();
            client.close();
            throw new BftClientException.GroupUnreachable("client " + self + " exchanged keys with " + keyedWith
                    + " within " + options.connectTimeout() + "; " + new Quorums(group.f()).quorum()
                    + " are needed. Are the replicas running, and is this client in their group file?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new BftClientException.GroupUnreachable("interrupted while connecting");
        }
    }

    private void start() {
        for (GroupConfig.ReplicaEntry replica : group.replicas()) {
            replicas[replica.id()] = transport.dial(replica.address().toSocketAddress(), this::onFrame);
        }
        loop.start();
        loop.offer(this::sendFreshKeys);
        keyAnnouncements = scheduler.scheduleWithFixedDelay(() -> loop.offer(this::announceKeysWhereMissing),
                NEW_KEY_RESEND_MILLIS, NEW_KEY_RESEND_MILLIS, TimeUnit.MILLISECONDS);
        // A refresh refused by a full owner queue is skipped: the next period's draws keys all the same.
        KeyRefreshSchedule schedule = new KeyRefreshSchedule(group.timeouts().keyRefresh(), group.n());
        keyRefreshes = scheduler.scheduleAtFixedRate(() -> loop.offer(this::refreshKeys),
                schedule.firstRefreshDelayMillis(self), schedule.periodMillis(), TimeUnit.MILLISECONDS);
    }

    /** Invokes {@code operation}; the future completes with the certified result or a {@link BftClientException}. */
    public CompletableFuture<Bytes> invokeAsync(Bytes operation, boolean readOnly) {
        CompletableFuture<Bytes> result = new CompletableFuture<>();
        Call call = new Call(operation, readOnly ? OperationKind.READ_ONLY : OperationKind.READ_WRITE, result);
        if (closed || !loop.offer(() -> enqueue(call))) {
            result.completeExceptionally(closed
                    ? new BftClientException.GroupUnreachable("the session of client " + self + " is closed")
                    : new BftClientException.OperationRejected("client " + self + " is overloaded: its queue is full"));
        }
        return result;
    }

    /** Invokes {@code operation} and waits for its certified result. */
    public Bytes invoke(Bytes operation, boolean readOnly) throws BftClientException, InterruptedException {
        try {
            return invokeAsync(operation, readOnly).get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof BftClientException known) {
                throw known;
            }
            throw new IllegalStateException("unexpected failure of a BFT call", failed.getCause());
        }
    }

    public int id() {
        return self;
    }

    /** This session's key refreshes and the replicas' NEW-KEY messages it accepted and refused; safe from any thread. */
    public KeyRefreshCounts sessionKeyCounts() {
        return keyCounts;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.offer(this::failEverything);
        loop.close(Duration.ofSeconds(5));
        keyAnnouncements.cancel(false);
        keyRefreshes.cancel(false);
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        transport.hangUpAll(replicas);
        if (ownsTransport) {
            transport.close();
        }
    }

    // ---- on the owner thread ----

    private void enqueue(Call call) {
        if (freeLanes.isEmpty()) {
            if (waiting.size() >= options.queuedCallsMax()) {
                call.result().completeExceptionally(new BftClientException.OperationRejected("client " + self
                        + " has " + waiting.size() + " calls waiting for a lane, its maximum"));
                return;
            }
            waiting.addLast(call);
            return;
        }
        startOn(freeLanes.removeFirst(), call);
    }

    private void startOn(int lane, Call call) {
        Invocation started = core.invoke(lane, call.operation(), call.kind());
        if (started == Invocation.REFUSED_OPERATION_TOO_LARGE) {
            call.result().completeExceptionally(new BftClientException.OperationRejected("an operation of "
                    + call.operation().length() + " bytes is above the group's request limit of "
                    + group.limits().requestBytesMax()));
            freeLanes.addFirst(lane);
            return;
        }
        calls[lane] = call;
        callDeadlines[lane] = System.nanoTime() + options.callTimeout().toNanos();
        if (!callTimeouts.isSet()) {
            callTimeouts.setAt(callDeadlines[lane]);
        }
    }

    /** Fails the calls past their deadline and sets the timer for the earliest deadline left. */
    private void expireOverdueCalls() {
        long now = System.nanoTime();
        for (int lane = 0; lane < calls.length; lane++) {
            if (calls[lane] != null && now - callDeadlines[lane] >= 0) {
                core.cancel(lane);
                finish(lane).completeExceptionally(new BftClientException.Timeout("no certified result within "
                        + options.callTimeout() + " (the operation may still execute)"));
            }
        }
        boolean busy = false;
        long earliest = 0;
        for (int lane = 0; lane < calls.length; lane++) {
            if (calls[lane] != null && (!busy || callDeadlines[lane] - earliest < 0)) {
                busy = true;
                earliest = callDeadlines[lane];
            }
        }
        if (busy) {
            callTimeouts.setAt(earliest);
        }
    }

    /** Ends the lane's call, frees the lane for the next waiting call, and returns the call's future. */
    private CompletableFuture<Bytes> finish(int lane) {
        Call call = calls[lane];
        calls[lane] = null;
        Call next = waiting.pollFirst();
        if (next != null) {
            startOn(lane, next);
        } else {
            freeLanes.addLast(lane);
        }
        return call.result();
    }

    private void onFrame(FrameConnection from, ByteBuffer frame) {
        loop.offer(() -> open(frame));
    }

    private void open(ByteBuffer frame) {
        OpenResult result = opener.open(frame);
        if (result instanceof OpenResult.Rejected rejected) {
            int sender = FrameHeader.peekSender(frame);
            if (sender >= 0 && sender < group.n() && announceKeysTo(sender)) {
                // Most often the replica lacks this client's keys (it restarted): announce them again, and
                // send the outstanding requests after them so that it answers under the keys at once.
                core.resendOutstandingTo(sender);
            }
            return;
        }
        OpenResult.Opened opened = (OpenResult.Opened) result;
        Message message = opened.message();
        if (message.type() == MessageType.NEW_KEY) {
            int sender = opened.sender();
            if (keyExchange.onNewKey(sender, (NewKey) message) && sender < group.n()) {
                // Fresh keys from a replica, most often one that restarted and dropped this client's
                // requests as not authentic: send it what is outstanding now, under its new key, rather
                // than after the backed-off retransmission timer (up to timeouts.client-retransmit-max).
                // After a crash of the whole group that wait would be the group's.
                core.resendOutstandingTo(sender);
            }
            keyCounts = keyExchange.counts();
            if (!keyed.isDone() && keyedReplicas() >= new Quorums(group.f()).quorum()) {
                keyed.complete(null);
            }
            return;
        }
        core.onMessage(opened.sender(), message);
    }

    /** Draws fresh in-keys for every replica and sends them the NEW-KEY that announces them. */
    private void sendFreshKeys() {
        NewKey newKey = keyExchange.freshKeys(System.currentTimeMillis());
        ByteBuffer frame = sealer.sealMulticast(newKey);
        for (FrameConnection replica : replicas) {
            writes.write(replica, frame.duplicate());
        }
        keyCounts = keyExchange.counts();
    }

    private void refreshKeys() {
        if (closed) {
            return;
        }
        sendFreshKeys();
        LOG.log(Level.DEBUG, "client {0}: session keys refreshed, NEW-KEY number {1}", self,
                keyCounts.freshKeysSent());
    }

    private void announceKeysWhereMissing() {
        for (int replica = 0; replica < group.n(); replica++) {
            if (!keyExchange.hasOutKey(replica)) {
                announceKeysTo(replica);
            }
        }
    }

    /** Sends {@code replica} this client's current NEW-KEY, at most every {@value #NEW_KEY_RESEND_MILLIS} ms; true if sent. */
    private boolean announceKeysTo(int replica) {
        NewKey current = keyExchange.current();
        long now = System.currentTimeMillis();
        Long last = newKeyResentAt.get(replica);
        if (current == null || last != null && now - last < NEW_KEY_RESEND_MILLIS) {
            return false;
        }
        newKeyResentAt.put(replica, now);
        writes.write(replicas[replica], sealer.seal(replica, current));
        return true;
    }

    private int keyedReplicas() {
        int keyedWith = 0;
        for (int replica = 0; replica < group.n(); replica++) {
            keyedWith += keyExchange.hasOutKey(replica) ? 1 : 0;
        }
        return keyedWith;
    }

    private String keyedReplicasDescription() {
        return keyedReplicas() + " of " + group.n() + " replicas";
    }

    private void failEverything() {
        for (int lane = 0; lane < calls.length; lane++) {
            if (calls[lane] != null) {
                core.cancel(lane);
                Call call = calls[lane];
                calls[lane] = null;
                call.result().completeExceptionally(
                        new BftClientException.GroupUnreachable("the session of client " + self + " was closed"));
            }
        }
        waiting.forEach(call -> call.result().completeExceptionally(
                new BftClientException.GroupUnreachable("the session of client " + self + " was closed")));
        waiting.clear();
    }




    private final class ClientOutbox implements Outbox {

        @Override
        public void send(int receiver, Message message) {
            writes.write(replicas[receiver], sealer.seal(receiver, message));
        }

        @Override
        public void multicast(Message message) {
            ByteBuffer frame = sealer.sealMulticast(message);
            for (FrameConnection replica : replicas) {
                writes.write(replica, frame.duplicate());
            }
        }

        @Override
        public void setTimer(ProtocolTimer timer, long delayMillis) {
            timers.set(timer, delayMillis);
        }

        @Override
        public void cancelTimer(ProtocolTimer timer) {
            timers.cancel(timer);
        }
    }

    private final class Listener implements ClientListener {

        @Override
        public void onResult(int lane, long timestamp, Bytes result) {
            if (calls[lane] != null) {
                finish(lane).complete(result);
            }
        }

        @Override
        public void onConflictingReplies(int lane, long timestamp, String evidence) {
            if (calls[lane] != null) {
                LOG.log(Level.ERROR, "client {0}: replies prove more than f replicas faulty: {1}", self, evidence);
                finish(lane).completeExceptionally(new BftClientException.ConflictingReplies(
                        "the group's replies conflict, so more than " + group.f() + " replicas are faulty: "
                                + evidence));
            }
        }
    }
}
