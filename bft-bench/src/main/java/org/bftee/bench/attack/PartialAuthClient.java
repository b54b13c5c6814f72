package org.bftee.bench.attack;

import java.nio.ByteBuffer;
import java.util.function.IntSupplier;
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
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.driver.SessionKeyExchange;
import org.bftee.runtime.keys.SecureRandomSource;
import org.bftee.runtime.net.CloseableFrameConnection;
import org.bftee.runtime.net.FrameConnection;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;

/**
 * A faulty client of the group, with keys of its own: it exchanges session keys like a correct client,
 * then sends fresh requests whose authenticator is valid for every replica but the primary of the
 * moment, to every replica. The backups authenticate them, wait for them and forward them; the primary
 * cannot authenticate them and never orders them. Without a defence, each such request the backups
 * wait for is a view change (the attack of PROTOCOL.md, "Authentication", and Clement et al. 2009).
 */
final class PartialAuthClient implements AutoCloseable {

    private final GroupConfig group;
    private final int self;
    private final IntSupplier primary;
    private final NettyTransport transport;
    private final CloseableFrameConnection[] replicas;
    private final SessionKeyExchange keyExchange;
    private final Authenticators authenticators;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final MessageCodec codec;
    private final Digester digester = DigestAlgorithm.DEFAULT.newDigester();
    private final int tagLength;
    private final Bytes operation = KvOperations.encode(new KvOperation.Get(Bytes.wrap(new byte[] {'x'})));
    private long timestamp = 1;
    private long sent;

    /** @param primary the current primary's id (an attacker may know the view: replies and STATUS tell it) */
    PartialAuthClient(GroupConfig group, int self, PrincipalKeys keys, IntSupplier primary) {
        this.group = group;
        this.self = self;
        this.primary = primary;
        WireLimits limits = WireLimits.forGroup(group.limits(), group.n());
        this.codec = new MessageCodec(group.groupId(), limits);
        SessionKeys sessionKeys = new SessionKeys(self, MacSettings.DEFAULT, group.n());
        this.authenticators = new Authenticators(sessionKeys);
        this.tagLength = sessionKeys.settings().tagLength();
        Principals principals = new Principals(new Quorums(group.f()),
                group.clients().stream().map(GroupConfig.ClientEntry::id).collect(Collectors.toSet()));
        this.sealer = new FrameSealer(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.opener = new FrameOpener(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.keyExchange = new SessionKeyExchange(self, group, keys, sessionKeys, new SecureRandomSource());
        this.transport = new NettyTransport(TransportSettings.defaults(limits).withIoThreads(1), "attack-auth");
        this.replicas = new CloseableFrameConnection[group.n()];
        for (int replica = 0; replica < group.n(); replica++) {
            replicas[replica] = transport.dial(group.replica(replica).address().toSocketAddress(), this::onFrame);
        }
    }

    /** Announces fresh keys to every replica (again, until each answered with its own). */
    synchronized void announceKeys() {
        NewKey newKey = keyExchange.current() == null ? keyExchange.freshKeys(System.currentTimeMillis())
                : keyExchange.current();
        ByteBuffer frame = sealer.sealMulticast(newKey);
        for (int replica = 0; replica < group.n(); replica++) {
            if (!keyExchange.hasOutKey(replica)) {
                replicas[replica].write(frame.duplicate());
                replicas[replica].flush();
            }
        }
    }

    synchronized boolean keyedWithAll() {
        for (int replica = 0; replica < group.n(); replica++) {
            if (!keyExchange.hasOutKey(replica)) {
                return false;
            }
        }
        return true;
    }

    /** Sends one fresh request on {@code lane}, authentic for every replica but the primary, to everyone. */
    synchronized void sendOne(int lane) {
        Request content = new Request(self, lane, timestamp++, 0, operation,
                Authenticator.wrap(new byte[tagLength], tagLength));
        Authenticator genuine = authenticators.multicast(codec.requestDigest(content, digester), group.n());
        byte[] tags = new byte[group.n() * tagLength];
        int bad = primary.getAsInt();
        for (int replica = 0; replica < group.n(); replica++) {
            if (replica != bad) {
                System.arraycopy(genuine.tag(replica), 0, tags, replica * tagLength, tagLength);
            }
        }
        Request request = new Request(self, lane, content.timestamp(), 0, operation, Authenticator.wrap(tags, tagLength));
        ByteBuffer frame = sealer.sealMulticast(request);
        for (CloseableFrameConnection replica : replicas) {
            replica.write(frame.duplicate());
            replica.flush();
        }
        sent++;
    }

    synchronized long sent() {
        return sent;
    }

    private void onFrame(FrameConnection from, ByteBuffer frame) {
        synchronized (this) {
            if (opener.open(frame) instanceof OpenResult.Opened opened && opened.message().type() == MessageType.NEW_KEY) {
                keyExchange.onNewKey(opened.sender(), (NewKey) opened.message());
            }
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
