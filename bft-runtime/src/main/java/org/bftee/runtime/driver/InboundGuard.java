package org.bftee.runtime.driver;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bftee.runtime.net.Admission;
import org.bftee.runtime.net.CloseableFrameConnection;
import org.bftee.runtime.net.FrameConnection;

/**
 * Cuts off a sender that floods a replica (issue 9; Aardvark, Clement et al. 2009, section 4.4).
 *
 * <p>Why it exists: every frame a replica refuses still cost it a read, often a decode and a MAC check,
 * and a stale but authentic message costs it the core's checks as well. A faulty replica or client
 * that sends them in a loop would take the replica's one thread from the correct ones. So each inbound
 * connection has a budget of {@link #rejectedFramesPerSecondMax} refused frames per second: frames the
 * frame opener refused, requests the core found not authentic, and replica messages the core dropped as
 * stale by this replica's own state ({@link #staleByOwnState}). A connection over budget is closed, and:
 * <ul>
 *   <li>if the refused frames authenticated as replica {@code j}'s (stale messages under its real keys),
 *       replica {@code j} is cut off for {@link #cutOff}: every frame whose header names it is dropped
 *       unopened, on any connection. To the protocol, {@code j} is then one of the {@code f} faulty
 *       replicas it tolerates; a network attacker able to replay {@code j}'s frames at that rate could also
 *       have dropped them, so this gives it nothing new;</li>
 *   <li>otherwise the connection's host, unless it is the address of a replica of the group, is refused
 *       for {@link #cutOff}: its connections are closed as they are accepted, before anything is read. A
 *       stream closed for garbage or an oversized length header ({@link Admission#framingLost}) counts
 *       {@link #framingLossesMax} times against the same host budget.</li>
 * </ul>
 * A correct replica refuses far fewer frames: stale votes after a view change or a checkpoint, a few
 * hundred a second at the very most.
 *
 * <p>The connection budgets are the owner thread's; the host list is read on the event loops.
 */
final class InboundGuard implements Admission {

    private static final Logger LOG = System.getLogger(InboundGuard.class.getName());

    /** Refused frames per second one connection may cost a replica before it is cut. */
    static final int REJECTED_FRAMES_PER_SECOND_MAX = 5_000;
    /** How long a flooding replica or host stays cut off. */
    static final Duration CUT_OFF = Duration.ofSeconds(10);
    /** Streams from one host closed for losing their framing, per second, before the host is cut off. */
    static final int FRAMING_LOSSES_MAX = 16;
    /** Connection budgets kept at most; beyond it, those of closed connections are forgotten. */
    private static final int BUDGETS_MAX = 4_096;

    final int rejectedFramesPerSecondMax;
    final Duration cutOff;
    final int framingLossesMax;
    private final int self;
    private final Set<InetAddress> replicaHosts;
    private final long[] replicaCutOffUntilMillis;
    private final Map<InetAddress, Long> hostCutOffUntilMillis = new ConcurrentHashMap<>();
    private final Map<InetAddress, long[]> framingLosses = new ConcurrentHashMap<>();
    private final Map<FrameConnection, long[]> budgets = new IdentityHashMap<>();
    private long replicasCutOff;
    private long framesDroppedFromCutOff;
    private long hostsCutOff;

    InboundGuard(int self, int n, Set<InetAddress> replicaHosts) {
        this(self, n, replicaHosts, REJECTED_FRAMES_PER_SECOND_MAX, CUT_OFF, FRAMING_LOSSES_MAX);
    }

    InboundGuard(int self, int n, Set<InetAddress> replicaHosts, int rejectedFramesPerSecondMax, Duration cutOff,
                 int framingLossesMax) {
        this.self = self;
        this.replicaHosts = Set.copyOf(replicaHosts);
        this.replicaCutOffUntilMillis = new long[n];
        this.rejectedFramesPerSecondMax = rejectedFramesPerSecondMax;
        this.cutOff = cutOff;
        this.framingLossesMax = framingLossesMax;
    }

    /** Owner thread: whether frames claiming {@code sender} are dropped unopened now; counts those that are. */
    boolean isCutOff(int sender) {
        if (sender < 0 || sender >= replicaCutOffUntilMillis.length || replicaCutOffUntilMillis[sender] == 0) {
            return false;
        }
        if (System.currentTimeMillis() < replicaCutOffUntilMillis[sender]) {
            framesDroppedFromCutOff++;
            return true;
        }
        replicaCutOffUntilMillis[sender] = 0;
        LOG.log(Level.INFO, "replica {0}: the cut-off of replica {1} for flooding has ended", self, sender);
        return false;
    }

    /**
     * Owner thread: a frame from {@code from} was refused; {@code authenticReplica} is the replica it
     * authenticated as (its message was stale), or -1.
     */
    void rejected(FrameConnection from, int authenticReplica) {
        long nowMillis = System.currentTimeMillis();
        long[] budget = budgets.get(from);
        if (budget == null) {
            if (budgets.size() >= BUDGETS_MAX) {
                budgets.keySet().removeIf(connection -> !connection.isActive());
            }
            budget = new long[] {nowMillis, 0};
            budgets.put(from, budget);
        }
        if (nowMillis - budget[0] >= 1_000) {
            budget[0] = nowMillis;
            budget[1] = 0;
        }
        if (++budget[1] <= rejectedFramesPerSecondMax) {
            return;
        }
        budgets.remove(from);
        if (authenticReplica >= 0 && authenticReplica != self && authenticReplica < replicaCutOffUntilMillis.length) {
            replicaCutOffUntilMillis[authenticReplica] = nowMillis + cutOff.toMillis();
            replicasCutOff++;
            LOG.log(Level.WARNING, "replica {0}: replica {1} sent more than {2} refused frames a second on {3}: cut off"
                    + " for {4} (a faulty replica; its frames are dropped unopened)", self, authenticReplica,
                    rejectedFramesPerSecondMax, from.remote(), cutOff);
        } else {
            cutOffHost(from.remoteHost(), nowMillis, "more than " + rejectedFramesPerSecondMax
                    + " refused frames a second on " + from.remote());
        }
        if (from instanceof CloseableFrameConnection closeable) {
            closeable.close("flooding: more than " + rejectedFramesPerSecondMax + " refused frames a second");
        }
    }

    @Override
    public boolean admits(InetAddress host) {
        Long until = hostCutOffUntilMillis.get(host);
        if (until == null) {
            return true;
        }
        if (System.currentTimeMillis() < until) {
            return false;
        }
        hostCutOffUntilMillis.remove(host, until);
        return true;
    }

    @Override
    public void framingLost(InetAddress host) {
        long now = System.currentTimeMillis();
        long[] window = framingLosses.computeIfAbsent(host, ignored -> new long[] {now, 0});
        boolean over;
        synchronized (window) {
            if (now - window[0] >= 1_000) {
                window[0] = now;
                window[1] = 0;
            }
            over = ++window[1] > framingLossesMax;
        }
        if (over) {
            framingLosses.remove(host);
            cutOffHost(host, now, "more than " + framingLossesMax + " streams a second closed for invalid frame headers");
        }
        if (framingLosses.size() > BUDGETS_MAX) {
            for (Iterator<Map.Entry<InetAddress, long[]>> it = framingLosses.entrySet().iterator(); it.hasNext(); ) {
                if (now - it.next().getValue()[0] >= 1_000) {
                    it.remove();
                }
            }
        }
    }

    private void cutOffHost(InetAddress host, long nowMillis, String why) {
        if (host == null || replicaHosts.contains(host)) {
            // A replica's host is never refused by address: the correct replicas on it would be cut off too.
            return;
        }
        if (hostCutOffUntilMillis.put(host, nowMillis + cutOff.toMillis()) == null) {
            synchronized (this) {
                hostsCutOff++;
            }
            LOG.log(Level.WARNING, "replica {0}: host {1} cut off for {2}: {3}", self, host.getHostAddress(), cutOff,
                    why);
        }
    }

    /**
     * Whether a message from a peer that the core dropped was stale by this replica's own state: a
     * PRE-PREPARE, PREPARE or COMMIT of an older view or at or below the low water mark, or a CHECKPOINT
     * at or below it. Only those count against a replica's budget. Drops that say this replica is the
     * one out of step (a message of a newer view, above the high water mark, or any message while this
     * replica changes view) are what correct peers send at their full rate, and a replica alone in a
     * view change would otherwise cut every correct peer off (the attack benchmark did, before this rule).
     */
    static boolean staleByOwnState(org.bftee.core.message.Message message, long view, boolean viewActive,
                                   long lowWaterMark) {
        if (!viewActive) {
            return false;
        }
        if (message instanceof org.bftee.core.message.Checkpoint checkpoint) {
            return checkpoint.sequence() <= lowWaterMark;
        }
        long messageView;
        long sequence;
        if (message instanceof org.bftee.core.message.Prepare prepare) {
            messageView = prepare.view();
            sequence = prepare.sequence();
        } else if (message instanceof org.bftee.core.message.Commit commit) {
            messageView = commit.view();
            sequence = commit.sequence();
        } else if (message instanceof org.bftee.core.message.PrePrepare prePrepare) {
            messageView = prePrepare.view();
            sequence = prePrepare.sequence();
        } else {
            return false;
        }
        return messageView < view || sequence <= lowWaterMark;
    }

    /** The addresses of the group's replicas, which are never refused by address. */
    static Set<InetAddress> hostsOf(org.bftee.runtime.config.GroupConfig group) {
        Set<InetAddress> hosts = new java.util.HashSet<>();
        for (var replica : group.replicas()) {
            var address = replica.address().toSocketAddress();
            if (!address.isUnresolved()) {
                hosts.add(address.getAddress());
            }
        }
        return hosts;
    }

    /** One line for logs: what the guard cut off. */
    String summary() {
        return "flooders cut off: " + replicasCutOff + " replicas, " + hostsCutOff() + " hosts, "
                + framesDroppedFromCutOff + " frames dropped from cut-off replicas";
    }

    /** Replicas cut off since start. */
    long replicasCutOff() {
        return replicasCutOff;
    }

    /** Frames dropped unopened because their sender was cut off. */
    long framesDroppedFromCutOff() {
        return framesDroppedFromCutOff;
    }

    /** Hosts cut off since start. */
    synchronized long hostsCutOff() {
        return hostsCutOff;
    }
}
