package org.bftee.runtime.driver;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.bftee.core.auth.AuthRejectReason;
import org.bftee.core.auth.FrameOpener;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.auth.OpenResult;
import org.bftee.core.auth.Principals;
import org.bftee.core.codec.FrameHeader;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.NewKey;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.replica.DropReason;
import org.bftee.core.replica.DurableLog;
import org.bftee.core.replica.LoggedState;
import org.bftee.core.replica.Replica;
import org.bftee.core.replica.ReplicaConfig;
import org.bftee.core.replica.ReplicaObserver;
import org.bftee.core.replica.ReplicaServices;
import org.bftee.core.service.Service;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.config.Durability;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.keys.SecureRandomSource;
import org.bftee.runtime.net.CloseableFrameConnection;
import org.bftee.runtime.net.FrameConnection;
import org.bftee.runtime.net.ListeningEndpoint;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;
import org.bftee.runtime.storage.VoteLog;

/**
 * Runs one replica of a group on real sockets: the {@link Replica} core, frames in and out through
 * the {@link NettyTransport}, timers, session keys by NEW-KEY ({@link SessionKeyExchange}).
 *
 * <p>Threads: the replica's transport has one event loop, and that loop is the core's owner thread
 * ({@link EventLoopOwner}): a frame is opened and handed to the core on the thread that read it, the
 * writes it causes go out when the loop has handled the round of frames it read, and the protocol's
 * timers are the loop's scheduled tasks. No frame crosses a thread on its way in or out. One thread
 * is all the core can use (it is single-threaded by contract), and the sockets of one replica need no
 * more. With a transport of more loops (passed in), frames read on the other loops are queued for
 * the owner, at most {@link #INBOUND_QUEUE_CAPACITY}.
 *
 * <p>It applies the core's driver contract ({@link Replica}): every event on the owner thread;
 * frames opened (decoded, MAC checked, author checked) before the core sees them; effects applied
 * in the order emitted, the writes of a batch of events flushed together.
 *
 * <p>Connections: the replica listens on its group address; it dials every other replica and
 * sends its replica messages on those connections; it answers a client on the connection that
 * client's frames arrived on. A peer or client that has not yet got this replica's NEW-KEY sends
 * frames (or requests) this replica cannot authenticate: each such rejection sends it the current
 * NEW-KEY again, at most once per STATUS period, which is how keys recover after either side
 * restarts or refreshes.
 *
 * <p>Key refresh: every {@code timeouts.key-refresh}, staggered by replica id
 * ({@link KeyRefreshSchedule}), the replica draws fresh in-keys for every peer and sends the NEW-KEY
 * to the other replicas and to every client connected to it. Frames under the replaced keys are
 * refused from then on ({@link SessionKeyExchange}).
 *
 * <p>Durability (the group's {@code durability}, docs/durability.md): with {@link Durability#SYNCED} the
 * core's {@link org.bftee.core.replica.DurableLog} is a {@link VoteLog} in the state directory, replayed
 * at start into the {@link LoggedState} the replica resumes from. Records are appended to memory during
 * the events; at the end of each round of events {@link #afterBatch()} syncs them (one force for the whole
 * round: group commit) and only then flushes the round's writes, so that no message leaves before the
 * votes it carries are on disk. Every write of the driver goes through {@link CoalescedWrites}, which
 * only that flush sends.
 */
public final class ReplicaDriver implements AutoCloseable {

    private static final Logger LOG = System.getLogger(ReplicaDriver.class.getName());
    /** Events from other threads waiting for the owner at most; more are dropped (retransmission recovers them). */
    public static final int INBOUND_QUEUE_CAPACITY = 16_384;

    private final GroupConfig group;
    private final int self;
    private final NettyTransport transport;
    private final boolean ownsTransport;
    private final EventLoopOwner loop;
    private final ProtocolTimers timers;
    private final KeyRefreshSchedule keyRefreshSchedule;
    /** The driver's own timer, not one of the core's: the core never asks for key refreshes. */
    private final DeadlineTimer keyRefreshTimer;
    /** Fires this replica's proactive recoveries ({@link #recover()}); unused when recovery is off. */
    private final DeadlineTimer recoveryTimer;
    /** Told (on the owner thread) of each recovery that exceeded the group's bound: the alert hook. */
    private volatile java.util.function.LongConsumer slowRecoveryListener = duration -> { };
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final SessionKeyExchange keyExchange;
    private final Replica replica;
    private final ObjectStore store;
    /** Writes stable checkpoints to the state directory; null when the state lives in memory only. */
    private final CheckpointPersistence persistence;
    /** The votes synced before they are sent ({@link Durability#SYNCED}); null in memory mode. */
    private final VoteLog voteLog;
    private volatile boolean closing;
    private final CloseableFrameConnection[] peers;
    private final Map<Integer, FrameConnection> clients = new HashMap<>();
    private final Map<Integer, Long> newKeyResentAt = new HashMap<>();
    private final CoalescedWrites writes = new CoalescedWrites();
    /** Cuts off a replica or host that floods this replica with refused frames ({@link InboundGuard}). */
    private final InboundGuard guard;
    /** Byzantine behaviour for the attack benchmarks; inert unless one sets a fault. */
    private final ReplicaFaults faults;
    private final Map<FrameConnection, Integer> rejectionsByConnection = new IdentityHashMap<>();
    private final int rejectionsBeforeCut;
    private final long newKeyResendMillis;
    private ListeningEndpoint endpoint;
    private volatile ReplicaStatus status;
    private volatile ReplicaRejections rejections;
    /** The rejection total when {@link #rejections} was copied, so that a batch without rejections copies nothing. */
    private long rejectionsCopiedAt;

    /**
     * A replica whose state lives in memory only: a restart fetches it all from the group.
     *
     * @param transport the transport to use, or null for one of its own with one event loop (closed with this driver)
     */
    public ReplicaDriver(GroupConfig group, int self, PrincipalKeys keys, Service service,
                         ObjectStoreLimits storeLimits, NettyTransport transport) {
        this(group, self, keys, service, storeLimits, transport, null, Thread::new);
    }

    /**
     * @param transport      the transport to use, or null for one of its own with one event loop (closed with this driver)
     * @param stateDirectory where stable checkpoints are written and restored from at start, or null to keep
     *                       the state in memory only
     * @param storageThreads makes the one thread that writes checkpoints (a container's managed thread factory
     *                       in WildFly)
     * @throws StateDirectoryException if the state directory cannot be opened or read, or its vote log is damaged
     * @throws IllegalArgumentException if the group's durability is {@code synced} and there is no state directory
     */
    public ReplicaDriver(GroupConfig group, int self, PrincipalKeys keys, Service service,
                         ObjectStoreLimits storeLimits, NettyTransport transport, Path stateDirectory,
                         ThreadFactory storageThreads) {
        if (self < 0 || self >= group.n()) {
            throw new IllegalArgumentException("replica " + self + " is not in a group of " + group.n());
        }
        if (group.durability() == Durability.SYNCED && stateDirectory == null) {
            throw new IllegalArgumentException("replica " + self + ": the group file says durability = synced, which"
                    + " needs a state directory for the vote log; give the replica one (bft replica --state DIR)"
                    + " or set durability = memory");
        }
        this.group = group;
        this.self = self;
        WireLimits wireLimits = WireLimits.forGroup(group.limits(), group.n());
        this.ownsTransport = transport == null;
        this.transport = transport != null ? transport
                : new NettyTransport(TransportSettings.defaults(wireLimits).withIoThreads(1), "bft-replica-" + self);
        this.rejectionsBeforeCut = this.transport.settings().rejectedFramesBeforeCut();
        this.newKeyResendMillis = group.timeouts().status().toMillis();
        MessageCodec codec = new MessageCodec(group.groupId(), wireLimits);
        var peerIds = SessionKeyExchange.peersOf(self, group);
        SessionKeys sessionKeys = new SessionKeys(self, MacSettings.DEFAULT, peerIds.size());
        Authenticators authenticators = new Authenticators(sessionKeys);
        Principals principals = new Principals(new Quorums(group.f()),
                group.clients().stream().map(GroupConfig.ClientEntry::id).collect(Collectors.toSet()));
        this.sealer = new FrameSealer(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.opener = new FrameOpener(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals);
        this.keyExchange = new SessionKeyExchange(self, group, keys, sessionKeys, new SecureRandomSource());
        this.loop = new EventLoopOwner("replica " + self, this.transport.eventLoopForOwner(), INBOUND_QUEUE_CAPACITY,
                this::afterBatch);
        this.timers = new ProtocolTimers(loop.loop(), loop, this::onTimer);
        this.keyRefreshSchedule = new KeyRefreshSchedule(group.timeouts().keyRefresh(), group.n());
        this.keyRefreshTimer = new DeadlineTimer(loop.loop(), loop, System::nanoTime, this::refreshKeys);
        this.recoveryTimer = new DeadlineTimer(loop.loop(), loop, System::nanoTime, this::recover);
        ReplicaConfig config = ReplicaConfig.of(self, group.f(), group.limits(), group.timeouts(),
                group.clients().stream().map(GroupConfig.ClientEntry::id).toList());
        this.store = new ObjectStore(storeLimits, DigestAlgorithm.DEFAULT, config.libraryObjects());
        CheckpointPersistence opened = null;
        try {
            opened = stateDirectory == null ? null
                    : CheckpointPersistence.openAndRestore(self, stateDirectory, store, storageThreads);
            this.voteLog = group.durability() == Durability.SYNCED ? VoteLog.open(stateDirectory, codec) : null;
        } catch (IOException | RuntimeException unusable) {
            if (opened != null) {
                opened.close();
            }
            throw new StateDirectoryException(stateDirectory, "replica " + self + " cannot use its state directory "
                    + stateDirectory.toAbsolutePath() + ": " + unusable, unusable);
        }
        this.persistence = opened;
        ReplicaServices services = new ReplicaServices(codec, DigestAlgorithm.DEFAULT.newDigester(), authenticators,
                System::currentTimeMillis, store, service, new CheckpointEvents(),
                voteLog == null ? DurableLog.NONE : voteLog);
        LoggedState logged = voteLog == null ? new LoggedState() : voteLog.replayed();
        this.replica = new Replica(config, services, new DriverOutbox(), logged);
        logDurability(logged);
        this.peers = new CloseableFrameConnection[group.n()];
        this.guard = new InboundGuard(self, group.n(), InboundGuard.hostsOf(group));
        this.faults = new ReplicaFaults(loop, (to, message) -> {
            if (to < 0) {
                sendToReplicas(message);
            } else {
                send(to, message);
            }
        }, sealer::seal, (peer, frames) -> {
            // A flood of a faulty replica (benchmarks only): it flushes at once, unsynced votes and all;
            // a faulty replica keeps no durability promise.
            frames.forEach(peers[peer]::write);
            peers[peer].flush();
        });
        this.status = ReplicaStatus.of(replica, loop, keyExchange.counts(), voteLog);
        this.rejections = ReplicaRejections.of(opener.counters(), replica.counters());
    }

    private void logDurability(LoggedState logged) {
        if (voteLog == null) {
            LOG.log(Level.INFO, "replica {0}: durability = memory (votes in memory; a crash of the whole group may"
                    + " lose operations acknowledged since the last checkpoint written)", self);
            return;
        }
        LOG.log(Level.INFO, "replica {0}: durability = synced, vote log {1}: {2} records replayed{3}, resuming in"
                + " view {4}{5} with votes for {6} sequence numbers above checkpoint {7}", self, voteLog.file(),
                voteLog.recordsReplayed(), voteLog.bytesCut() > 0 ? " (a torn last record of " + voteLog.bytesCut()
                        + " bytes cut)" : "", Long.toString(replica.view()), replica.isViewActive() ? ""
                        : " (changing view)", logged.slots().size(), Long.toString(logged.stable()));
    }

    /** Listens on the group address of this replica, dials the others, starts the core and announces its keys. */
    public void start() {
        endpoint = transport.listen(group.replica(self).address().toSocketAddress(), this::onFrame, guard);
        for (GroupConfig.ReplicaEntry peer : group.replicas()) {
            if (peer.id() != self) {
                peers[peer.id()] = transport.dial(peer.address().toSocketAddress(), this::onFrame);
            }
        }
        loop.offer(() -> {
            replica.start();
            NewKey newKey = keyExchange.freshKeys(System.currentTimeMillis());
            sendToReplicas(newKey);
            keyRefreshTimer.setAfter(keyRefreshSchedule.firstRefreshDelayMillis(self));
            if (group.recovery().enabled()) {
                recoveryTimer.setAfter(group.recovery().firstRecoveryMillis(self, group.n()));
            }
            status = ReplicaStatus.of(replica, loop, keyExchange.counts(), voteLog);
        });
        LOG.log(Level.INFO, "replica {0} of group {1} (f = {2}) listening on {3}", self, group.groupId(), group.f(),
                endpoint.localAddress());
    }

    /** The replica's state as of its owner thread's last batch of events; safe from any thread. */
    public ReplicaStatus status() {
        return status;
    }

    /** The replica's rejection counts by reason as of its last batch of events; safe from any thread. */
    public ReplicaRejections rejections() {
        return rejections;
    }

    public int id() {
        return self;
    }

    /** The replica's drop counters and its transport's, one line, for logs and diagnosis. */
    public String countersSummary() {
        var transportCounters = transport.counters();
        StringBuilder drops = new StringBuilder();
        for (org.bftee.core.replica.DropReason reason : org.bftee.core.replica.DropReason.values()) {
            long count = replica.counters().dropped(reason);
            if (count > 0) {
                drops.append(drops.length() == 0 ? "" : ", ").append(reason).append(' ').append(count);
            }
        }
        return "dropped by the replica {" + drops + "}, writes dropped (down " + transportCounters.writesDroppedDisconnected()
                + ", full " + transportCounters.writesDroppedBufferFull() + "), frames rejected "
                + transportCounters.framesRejectedTotal() + ", " + guard.summary() + ", slow-primary suspicions "
                + replica.counters().slowPrimarySuspicions() + ", clients barred from view changes "
                + replica.counters().clientsBarredFromViewChanges();
    }

    /** Faults to inject into this replica, for benchmarks and tests that attack the group ({@link ReplicaFaults}). */
    public ReplicaFaults faults() {
        return faults;
    }

    /** The port this replica listens on (the group file's, or the one bound for port 0). */
    public InetSocketAddress address() {
        return endpoint.localAddress();
    }

    @Override
    public void close() {
        closing = true;
        loop.stop();
        if (endpoint != null) {
            endpoint.close();
        }
        transport.hangUpAll(peers);
        if (ownsTransport) {
            transport.close();
        }
        if (persistence != null) {
            persistence.close();
        }
        if (voteLog != null) {
            try {
                voteLog.close(); // what was not synced was not sent either
            } catch (IOException e) {
                LOG.log(Level.WARNING, "replica {0}: closing the vote log: {1}", self, e.toString());
            }
        }
        LOG.log(Level.INFO, "replica {0} stopped", self);
    }

    /** The newest checkpoint written to the state directory, or -1 (also without one). Any thread. */
    public long lastCheckpointWritten() {
        return persistence == null ? -1 : persistence.lastWritten();
    }

    /** Logs state transfer and hands stable and fetched checkpoints to the disk; called by the core on the owner thread. */
    private final class CheckpointEvents implements ReplicaObserver {

        @Override
        public void checkpointStable(int replica, long sequence) {
            if (persistence != null) {
                persistence.stable(store, sequence);
            }
        }

        @Override
        public void recoveryPointEstimated(int replica, long recoveryPoint) {
            LOG.log(Level.INFO, "replica {0}: recovery point {1}, the group''s latest stable checkpoint", self,
                    Long.toString(recoveryPoint));
        }

        @Override
        public void recovered(int replica, long recoveryPoint, long durationMillis) {
            long bound = group.recovery().bound().toMillis();
            if (durationMillis > bound) {
                LOG.log(Level.ERROR, "replica {0}: recovery took {1} ms, more than the bound of {2} ms"
                        + " (recovery.bound): the window of vulnerability is wider than configured", self,
                        durationMillis, bound);
                slowRecoveryListener.accept(durationMillis);
            } else {
                LOG.log(Level.INFO, "replica {0}: recovered in {1} ms (recovery point {2})", self, durationMillis,
                        Long.toString(recoveryPoint));
            }
        }

        @Override
        public void stateCorruptionDetected(int replica, long checkpoint) {
            LOG.log(Level.WARNING, "replica {0}: its state at checkpoint {1} is not the group''s (changed behind the"
                    + " library''s back, or a damaged disk); repairing it by state transfer", self,
                    Long.toString(checkpoint));
        }

        @Override
        public void clientBarredFromViewChanges(int replica, int client, long untilMillis) {
            LOG.log(Level.WARNING, "replica {0}: the requests of client {1} were outstanding at f + 1 view changes in a"
                    + " row, each under another primary: a faulty client (authenticators valid only for some replicas)"
                    + " or a slow network; its requests start no view change here for {2} ms", self, client,
                    untilMillis - System.currentTimeMillis());
        }

        @Override
        public void primarySuspectedSlow(int replica, long view, long observedPerSecond, long bestPerSecond) {
            LOG.log(Level.WARNING, "replica {0}: the primary of view {1} executed {2} requests a second while requests"
                    + " waited, against {3} at best before: replacing it (slow or faulty primary)", self,
                    Long.toString(view), observedPerSecond, bestPerSecond);
        }

        // View changes are rare (timeouts double while they fail, ClientBlame and the inbound guard bound
        // those an attacker can cause), and each tells an operator that a primary was replaced and why.
        @Override
        public void viewChangeStarted(int replica, long newView) {
            LOG.log(Level.INFO, "replica {0}: changing to view {1} (primary {2})", self, Long.toString(newView),
                    Long.toString(newView % group.n()));
        }

        @Override
        public void viewInstalled(int replica, long view, long checkpoint) {
            LOG.log(Level.INFO, "replica {0}: view {1} installed (primary {2}), from checkpoint {3}", self,
                    Long.toString(view), Long.toString(view % group.n()), Long.toString(checkpoint));
        }

        @Override
        public void stateTransferStarted(int replica, long checkpoint) {
            LOG.log(Level.INFO, "replica {0} is behind the group: fetching checkpoint {1}", self,
                    Long.toString(checkpoint));
        }

        @Override
        public void stateRefused(int replica, int sender, String why) {
            LOG.log(Level.DEBUG, "replica {0} refused state from replica {1}: {2}; asking another", self, sender, why);
        }

        @Override
        public void stateTransferred(int replica, long sequence, org.bftee.core.crypto.Digest digest, long partitions) {
            if (persistence != null) {
                persistence.transferred(store, sequence);
            }
            LOG.log(Level.INFO, "replica {0} installed checkpoint {1} fetched from the group ({2} partitions checked)",
                    self, Long.toString(sequence), partitions);
        }
    }

    // ---- inbound, on an event loop thread ----

    private void onFrame(FrameConnection from, ByteBuffer frame) {
        loop.execute(() -> open(from, frame));
    }

    // ---- on the owner thread ----

    private void open(FrameConnection from, ByteBuffer frame) {
        if (guard.isCutOff(FrameHeader.peekSender(frame))) {
            return;
        }
        OpenResult result = opener.open(frame);
        if (result instanceof OpenResult.Rejected rejected) {
            onRejected(from, frame, rejected);
            if (rejected.reason() != AuthRejectReason.MAC_NO_KEY && rejected.reason() != AuthRejectReason.MAC_STALE_KEY) {
                // Frames under keys this replica lacks or replaced come from correct peers until NEW-KEY
                // catches up (after a restart or refresh), at their full rate: they are not a flood.
                guard.rejected(from, -1);
            }
            return;
        }
        OpenResult.Opened opened = (OpenResult.Opened) result;
        int sender = opened.sender();
        Message message = opened.message();
        if (message.type() == MessageType.NEW_KEY) {
            if (keyExchange.onNewKey(sender, (NewKey) message) && sender >= group.n()) {
                // A client announcing its keys has just connected: answer on this connection with this
                // replica's keys, and send its replies here from now on (the signature proved it is the client).
                clients.put(sender, from);
                send(sender, keyExchange.current());
            }
            return;
        }
        if (sender >= group.n()) {
            rememberClientConnection(sender, from);
            long notAuthenticBefore = replica.counters().dropped(DropReason.REQUEST_NOT_AUTHENTIC);
            replica.onMessage(sender, message);
            if (replica.counters().dropped(DropReason.REQUEST_NOT_AUTHENTIC) != notAuthenticBefore) {
                // A request carries its MACs inside, so the opener let it through: a client still on a
                // key from before this replica's last refresh fails here, and needs the NEW-KEY again.
                resendNewKey(sender, from);
                guard.rejected(from, -1);
            }
            return;
        }
        long droppedBefore = replica.counters().droppedTotal();
        replica.onMessage(sender, message);
        if (replica.counters().droppedTotal() != droppedBefore
                && InboundGuard.staleByOwnState(message, replica.view(), replica.isViewActive(), replica.lowWaterMark())) {
            guard.rejected(from, sender);
        }
    }

    /**
     * A REQUEST frame carries no frame MAC (its authenticator is inside, checked by the core), so
     * anyone could send one in a client's name: it moves the client's replies to its connection
     * only when the one known is gone, never away from a live one.
     */
    private void rememberClientConnection(int client, FrameConnection from) {
        FrameConnection known = clients.get(client);
        if (known == null || known != from && !known.isActive()) {
            clients.put(client, from);
        }
    }

    /**
     * A frame this replica cannot open. A failed MAC is what a peer sends until it has this
     * replica's NEW-KEY (after either side restarted): resend it. Frames that cannot be decoded
     * or that claim another author are the peer's fault: after a named number, the connection is cut.
     */
    private void onRejected(FrameConnection from, ByteBuffer frame, OpenResult.Rejected rejected) {
        AuthRejectReason reason = rejected.reason();
        int sender = FrameHeader.peekSender(frame);
        switch (reason) {
            case MAC_FORGED, MAC_NO_KEY, MAC_STALE_KEY, MAC_MALFORMED -> resendNewKey(sender, from);
            case UNDECODABLE, UNKNOWN_SENDER, SENDER_MISMATCH, CLIENT_MISMATCH, NOT_FROM_A_REPLICA, NOT_PRIMARY,
                    WRONG_TRAILER_SHAPE -> {
                int count = rejectionsByConnection.merge(from, 1, Integer::sum);
                if (count >= rejectionsBeforeCut) {
                    LOG.log(Level.WARNING, "replica {0}: cutting {1} after {2} rejected frames, the last: {3} ({4})",
                            self, from.remote(), count, reason, rejected.detail());
                    rejectionsByConnection.remove(from);
                    if (from instanceof CloseableFrameConnection closeable) {
                        closeable.close("too many rejected frames: " + reason);
                    }
                }
            }
            default -> {
            }
        }
    }

    private void resendNewKey(int sender, FrameConnection from) {
        NewKey current = keyExchange.current();
        if (current == null || sender < 0 || sender == self) {
            return;
        }
        long now = System.currentTimeMillis();
        Long last = newKeyResentAt.get(sender);
        if (last != null && now - last < newKeyResendMillis) {
            return;
        }
        newKeyResentAt.put(sender, now);
        FrameConnection connection = sender < group.n() ? peers[sender] : from;
        writes.write(connection, sealer.seal(sender, current));
    }

    private void onTimer(ProtocolTimer timer) {
        replica.onTimer(timer);
    }

    /**
     * Proactive recovery now (the recovery timer's, or an operator's through {@link #recoverNow()}):
     * fresh session keys for every peer, so that keys an attacker may have stolen stop working, then
     * the core's recovery ({@link Replica#startRecovery}): back to the newest checkpoint, objects
     * checked, the recovery point estimated, the state repaired from the group if it is wrong. A
     * replica already recovering is left to finish.
     */
    private void recover() {
        if (group.recovery().enabled()) {
            recoveryTimer.setAfter(group.recovery().period().toMillis());
        }
        if (replica.isRecovering()) {
            LOG.log(Level.WARNING, "replica {0}: a recovery is due but the last one has not finished", self);
            return;
        }
        LOG.log(Level.INFO, "replica {0}: proactive recovery starts (recovery {1})", self,
                replica.counters().recoveriesStarted() + 1);
        refreshKeys();
        replica.startRecovery(System.nanoTime());
    }

    /** Starts a proactive recovery now, on the owner thread; safe from any thread. */
    public void recoverNow() {
        loop.offer(this::recover);
    }

    /** {@code listener} is told, on the owner thread, the duration of each recovery that exceeded the group's bound. */
    public void onSlowRecovery(java.util.function.LongConsumer listener) {
        this.slowRecoveryListener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Draws fresh in-keys for every peer and announces them to the replicas and the clients connected. */
    private void refreshKeys() {
        NewKey newKey = keyExchange.freshKeys(System.currentTimeMillis());
        ByteBuffer frame = sealer.sealMulticast(newKey);
        writeToReplicas(frame);
        clients.values().forEach(connection -> writes.write(connection, frame.duplicate()));
        keyRefreshTimer.setAfter(keyRefreshSchedule.periodMillis());
        LOG.log(Level.INFO, "replica {0}: session keys refreshed, NEW-KEY number {1} (counter {2}), sent to {3}"
                + " replicas and {4} connected clients", self, keyExchange.counts().freshKeysSent(),
                String.valueOf(newKey.counter()), group.n() - 1, clients.size());
    }

    private void send(int receiver, Message message) {
        FrameConnection connection = receiver < group.n() ? peers[receiver] : clients.get(receiver);
        if (connection != null) {
            writes.write(connection, sealer.seal(receiver, message));
        }
    }

    private void sendToReplicas(Message message) {
        writeToReplicas(sealer.sealMulticast(message));
    }

    private void writeToReplicas(ByteBuffer frame) {
        for (int peer = 0; peer < group.n(); peer++) {
            if (peer != self) {
                writes.write(peers[peer], frame.duplicate());
            }
        }
    }


    /**
     * The end of a round of events: the round's votes synced (durability = synced), then its writes
     * flushed, in that order (the driver contract of {@link org.bftee.core.replica.DurableLog}).
     */
    private void afterBatch() {
        if (voteLog != null && !syncVoteLog()) {
            return;
        }
        writes.flush();
        status = ReplicaStatus.of(replica, loop, keyExchange.counts(), voteLog);
        // Copying the per-reason counts allocates; most batches reject nothing, so compare totals first.
        long rejectedTotal = ReplicaRejections.total(opener.counters(), replica.counters());
        if (rejectedTotal != rejectionsCopiedAt) {
            rejectionsCopiedAt = rejectedTotal;
            rejections = ReplicaRejections.of(opener.counters(), replica.counters());
        }
    }


    /**
     * Syncs the round's records (first voiding those below the newest checkpoint written, if it is
     * stable); false if they could not be, and then nothing of the round may be sent: the replica stops,
     * as a crash would stop it, rather than send votes it may not find again.
     */
    private boolean syncVoteLog() {
        voteLog.checkpointWritten(persistence.lastWritten());
        try {
            voteLog.sync();
            return true;
        } catch (IOException failure) {
            if (!closing) {
                LOG.log(Level.ERROR, "replica " + self + ": syncing the vote log " + voteLog.file() + " failed; the"
                        + " replica stops without sending this round's messages (restart it to resume from its"
                        + " state directory)", failure);
                loop.stop();
            }
            return false;
        }
    }

    /** The core's effects, applied on the owner thread in the order emitted. */
    private final class DriverOutbox implements Outbox {

        @Override
        public void send(int receiver, Message message) {
            if (!faults.divert(receiver, message)) {
                ReplicaDriver.this.send(receiver, message);
            }
        }

        @Override
        public void multicast(Message message) {
            if (!faults.divert(-1, message)) {
                sendToReplicas(message);
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
}
