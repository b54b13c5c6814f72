package org.bftee.runtime.baseline;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.OpenResult;
import org.bftee.core.auth.Principals;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
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
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.Service;
import org.bftee.core.service.ServiceInvoker;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.driver.CoalescedWrites;
import org.bftee.runtime.driver.EventLoopOwner;
import org.bftee.runtime.driver.SessionKeyExchange;
import org.bftee.runtime.keys.SecureRandomSource;
import org.bftee.runtime.net.FrameConnection;
import org.bftee.runtime.net.ListeningEndpoint;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;

/**
 * The benchmark's unreplicated baseline (the paper's "NFS-std" role, n = 1): the same transport,
 * frames, session keys, request authenticators, object store with checkpoints, service and
 * exactly-once reply cache as a replica, with no agreement: each authentic request executes at
 * once and is answered by one MAC'd reply. It stands in for replica 0 of a group file, so that
 * clients and keys are the group's. Not for production: one server tolerates no fault.
 */
public final class UnreplicatedServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(UnreplicatedServer.class.getName());
    private static final int SELF = 0;

    private record LaneKey(int client, int lane) {
    }

    private record LastReply(long timestamp, Bytes result) {
    }

    private final GroupConfig group;
    private final NettyTransport transport;
    private final EventLoopOwner loop;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final MessageCodec codec;
    private final Digester digester = DigestAlgorithm.DEFAULT.newDigester();
    private final Authenticators authenticators;
    private final SessionKeyExchange keyExchange;
    private final ObjectStore store;
    private final ServiceInvoker invoker;
    private final Map<LaneKey, LastReply> lastReplies = new HashMap<>();
    private final Map<Integer, FrameConnection> clients = new HashMap<>();
    private final CoalescedWrites writes = new CoalescedWrites();
    private final int checkpointInterval;
    private long sequence;
    private ListeningEndpoint endpoint;

    public UnreplicatedServer(GroupConfig group, PrincipalKeys keys, Service service, ObjectStoreLimits storeLimits) {
        this.group = group;
        WireLimits wireLimits = WireLimits.forGroup(group.limits(), group.n());
        // One event loop that is also the owner, as a replica has (ReplicaDriver): the baseline differs
        // from a replica by the agreement only, not by its threads.
        this.transport = new NettyTransport(TransportSettings.defaults(wireLimits).withIoThreads(1), "bft-unreplicated");
        this.codec = new MessageCodec(group.groupId(), wireLimits);
        SessionKeys sessionKeys = new SessionKeys(SELF, MacSettings.DEFAULT,
                SessionKeyExchange.peersOf(SELF, group).size());
        this.authenticators = new Authenticators(sessionKeys);
        Principals principals = new Principals(new Quorums(group.f()),
                group.clients().stream().map(GroupConfig.ClientEntry::id).collect(Collectors.toSet()));
        this.sealer = new FrameSealer(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.opener = new FrameOpener(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.keyExchange = new SessionKeyExchange(SELF, group, keys, sessionKeys, new SecureRandomSource());
        this.store = new ObjectStore(storeLimits);
        this.invoker = new ServiceInvoker(service, group.limits().replyBytesMax());
        this.checkpointInterval = group.limits().checkpointInterval();
        this.loop = new EventLoopOwner("unreplicated server", transport.eventLoopForOwner(), 16_384, writes::flush);
    }

    public void start() {
        endpoint = transport.listen(group.replica(SELF).address().toSocketAddress(),
                (from, frame) -> loop.execute(() -> open(from, frame)));
        loop.offer(() -> keyExchange.freshKeys(System.currentTimeMillis()));
        LOG.log(Level.INFO, "unreplicated baseline server listening on {0}", endpoint.localAddress());
    }

    public InetSocketAddress address() {
        return endpoint.localAddress();
    }

    @Override
    public void close() {
        loop.stop();
        transport.close();
    }

    private void open(FrameConnection from, ByteBuffer frame) {
        if (!(opener.open(frame) instanceof OpenResult.Opened opened)) {
            return;
        }
        int sender = opened.sender();
        if (sender < group.n()) {
            return; // no replicas to talk to
        }
        clients.put(sender, from);
        if (opened.message().type() == MessageType.NEW_KEY) {
            if (keyExchange.onNewKey(sender, (NewKey) opened.message())) {
                writes.write(from, sealer.seal(sender, keyExchange.current()));
            }
            return;
        }
        if (opened.message() instanceof Request request) {
            execute(from, request);
        }
    }

    private void execute(FrameConnection from, Request request) {
        Digest digest = codec.requestDigest(request, digester);
        if (!authenticators.verifyMulticast(request.client(), digest, request.authenticator(), group.n()).isValid()) {
            return;
        }
        LaneKey lane = new LaneKey(request.client(), request.lane());
        LastReply last = lastReplies.get(lane);
        if (last != null && request.timestamp() < last.timestamp()) {
            return;
        }
        Bytes result;
        if (last != null && request.timestamp() == last.timestamp()) {
            result = last.result();
        } else if (request.isReadOnly()) {
            result = invoker.execute(request.operation(), context(request, true), store).result();
        } else {
            store.beginBatch(++sequence);
            result = invoker.execute(request.operation(), context(request, false), store).result();
            lastReplies.put(lane, new LastReply(request.timestamp(), result));
            if (sequence % checkpointInterval == 0) {
                store.checkpoint(sequence);
                store.discardCheckpointsBefore(sequence);
            }
        }
        Reply reply = new Reply(0, request.client(), request.lane(), request.timestamp(), SELF, 0, result);
        writes.write(from, sealer.seal(request.client(), reply));
    }

    private InvocationContext context(Request request, boolean readOnly) {
        return new InvocationContext(request.client(), request.lane(), request.timestamp(), readOnly,
                System.currentTimeMillis(), sequence);
    }



}
