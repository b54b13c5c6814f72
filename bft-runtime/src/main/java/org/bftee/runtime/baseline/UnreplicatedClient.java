package org.bftee.runtime.baseline;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.OpenResult;
import org.bftee.core.auth.Principals;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.Digester;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Quorums;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.driver.OwnerLoop;
import org.bftee.runtime.driver.SessionKeyExchange;
import org.bftee.runtime.keys.SecureRandomSource;
import org.bftee.runtime.net.CloseableFrameConnection;
import org.bftee.runtime.net.NettyTransport;

/**
 * The client of the {@link UnreplicatedServer} baseline: the same requests, authenticators,
 * frames and session keys as a {@code BftClient}, one reply accepted from the one server. Calls
 * from many threads share it; each takes a lane. For benchmarks only.
 */
public final class UnreplicatedClient implements AutoCloseable {

    private static final int SERVER = 0;
    private static final long NEW_KEY_RESEND_MILLIS = 200;

    private record Call(Request request, CompletableFuture<Bytes> result) {
    }

    private final GroupConfig group;
    private final int self;
    private final NettyTransport transport;
    private final OwnerLoop loop;
    private final ScheduledExecutorService scheduler;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final MessageCodec codec;
    private final Digester digester = DigestAlgorithm.DEFAULT.newDigester();
    private final Authenticators authenticators;
    private final SessionKeyExchange keyExchange;
    private final CloseableFrameConnection server;
    private final Call[] lanes;
    private final ArrayDeque<Integer> freeLanes = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Bytes>> waitingResults = new ArrayDeque<>();
    private final ArrayDeque<Bytes> waitingOperations = new ArrayDeque<>();
    private final ArrayDeque<Boolean> waitingReadOnly = new ArrayDeque<>();
    private final CompletableFuture<Void> keyed = new CompletableFuture<>();
    private final ScheduledFuture<?> keyAnnouncements;
    private long lastTimestamp;

    /**
     * @param transport a transport shared with other sessions (as {@code BftClient}s share one), closed by its owner
     * @param scheduler a timer thread shared likewise
     */
    public UnreplicatedClient(GroupConfig group, int self, PrincipalKeys keys, int laneCount, Duration connectTimeout,
                              NettyTransport transport, ScheduledExecutorService scheduler)
            throws BftClientException.GroupUnreachable {
        this.group = group;
        this.self = self;
        this.transport = transport;
        WireLimits wireLimits = WireLimits.forGroup(group.limits(), group.n());
        this.codec = new MessageCodec(group.groupId(), wireLimits);
        SessionKeys sessionKeys = new SessionKeys(self, MacSettings.DEFAULT, group.n());
        this.authenticators = new Authenticators(sessionKeys);
        Principals principals = new Principals(new Quorums(group.f()),
                group.clients().stream().map(GroupConfig.ClientEntry::id).collect(Collectors.toSet()));
        this.sealer = new FrameSealer(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.opener = new FrameOpener(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.keyExchange = new SessionKeyExchange(self, group, keys, sessionKeys, new SecureRandomSource());
        this.loop = new OwnerLoop("bft-unreplicated-client-" + self, 65_536, this::flush);
        this.scheduler = scheduler;
        this.lanes = new Call[laneCount];
        for (int lane = 0; lane < laneCount; lane++) {
            freeLanes.add(lane);
        }
        this.server = transport.dial(group.replica(SERVER).address().toSocketAddress(),
                (from, frame) -> loop.offer(() -> open(frame)));
        loop.start();
        loop.offer(() -> keyExchange.freshKeys(System.currentTimeMillis()));
        this.keyAnnouncements = scheduler.scheduleWithFixedDelay(() -> loop.offer(this::announceKeys), 0,
                NEW_KEY_RESEND_MILLIS, TimeUnit.MILLISECONDS);
        try {
            keyed.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
            close();
            throw new BftClientException.GroupUnreachable("the unreplicated server did not exchange keys within "
                    + connectTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new BftClientException.GroupUnreachable("interrupted while connecting");
        }
    }

    /** Invokes {@code operation}; the future completes with the server's result. */
    public CompletableFuture<Bytes> invokeAsync(Bytes operation, boolean readOnly) {
        CompletableFuture<Bytes> result = new CompletableFuture<>();
        if (!loop.offer(() -> enqueue(operation, readOnly, result))) {
            result.completeExceptionally(new BftClientException.OperationRejected("client queue full"));
        }
        return result;
    }

    @Override
    public void close() {
        keyAnnouncements.cancel(false);
        loop.close(Duration.ofSeconds(5));
        transport.hangUp(server);
    }

    private void enqueue(Bytes operation, boolean readOnly, CompletableFuture<Bytes> result) {
        Integer lane = freeLanes.pollFirst();
        if (lane == null) {
            waitingOperations.addLast(operation);
            waitingReadOnly.addLast(readOnly);
            waitingResults.addLast(result);
            return;
        }
        start(lane, operation, readOnly, result);
    }

    private void start(int lane, Bytes operation, boolean readOnly, CompletableFuture<Bytes> result) {
        lastTimestamp = Math.max(System.currentTimeMillis() * 1000, lastTimestamp + 1);
        int flags = readOnly ? Request.READ_ONLY : 0;
        int tagLength = MacSettings.DEFAULT.tagLength();
        Request unsigned = new Request(self, lane, lastTimestamp, flags, operation,
                Authenticator.wrap(new byte[tagLength * group.n()], tagLength));
        Authenticator authenticator = authenticators.multicast(codec.requestDigest(unsigned, digester),
                group.n());
        Request request = new Request(self, lane, lastTimestamp, flags, operation, authenticator);
        lanes[lane] = new Call(request, result);
        server.write(sealer.seal(SERVER, request));
    }

    private void open(ByteBuffer frame) {
        if (!(opener.open(frame) instanceof OpenResult.Opened opened) || opened.sender() != SERVER) {
            return;
        }
        if (opened.message().type() == MessageType.NEW_KEY) {
            keyExchange.onNewKey(SERVER, (NewKey) opened.message());
            if (keyExchange.hasOutKey(SERVER)) {
                keyed.complete(null);
            }
            return;
        }
        if (opened.message() instanceof Reply reply && reply.lane() >= 0 && reply.lane() < lanes.length) {
            Call call = lanes[reply.lane()];
            if (call != null && call.request().timestamp() == reply.timestamp()) {
                lanes[reply.lane()] = null;
                call.result().complete(reply.result());
                if (!waitingResults.isEmpty()) {
                    start(reply.lane(), waitingOperations.removeFirst(), waitingReadOnly.removeFirst(),
                            waitingResults.removeFirst());
                } else {
                    freeLanes.addLast(reply.lane());
                }
            }
        }
    }

    private void announceKeys() {
        NewKey current = keyExchange.current();
        if (current != null && !keyExchange.hasOutKey(SERVER)) {
            server.write(sealer.seal(SERVER, current));
        }
    }

    private void flush() {
        server.flush();
    }
}
