package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.sim.MessageInterceptor;
import org.bftee.core.sim.Simulation;
import org.bftee.core.sim.StolenKeys;

/**
 * An attacker that keeps the session keys of every replica it held and goes on using them after the
 * replica recovered: it records the MAC-authenticated messages a compromised replica sends and
 * receives, copies its keys at the last moment before the recovery ({@link Simulation#stealKeys}),
 * and from then on keeps sending those messages again, sealed under the stolen keys, as the victim
 * to its peers and as its peers to the victim.
 *
 * <p>It sends a frame only once the key it is sealed under has been replaced by a refresh (the
 * victim's own at its recovery, each peer's at the peer's next periodic refresh), so the victim
 * counts as faulty no longer than its compromise. Every such frame must be refused: one that a
 * host opens is a violation. Requests and NEW-KEYs carry their own authentication and are left
 * out (a request under an old key is refused by the replica, not the frame opener).
 */
final class KeyThief {

    /** Messages remembered per victim and direction: the latest ones. */
    private static final int RECORDED_MAX = 32;
    /** Time between two strikes, in milliseconds of virtual time. */
    private static final long STRIKE_SPACING_MILLIS = 5;

    private record Recorded(int sender, int receiver, Message message) {
    }

    private record Heist(StolenKeys keys, List<Recorded> messages) {
    }

    private final PbftCluster cluster;
    private final SplittableRandom random;
    private final Map<Integer, List<Recorded>> recording = new TreeMap<>();
    private final List<Heist> heists = new ArrayList<>();
    private final Set<byte[]> deadKeyFrames = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> violations = new ArrayList<>();
    private long deadKeyFramesSent;

    KeyThief(PbftCluster cluster, SplittableRandom random) {
        this.cluster = cluster;
        this.random = random;
        for (var host : cluster.sim().hosts()) {
            host.onOpened((receiver, frame, sender, message) -> {
                if (deadKeyFrames.contains(frame)) {
                    violations.add("at " + cluster.sim().nowMillis() + " ms principal " + receiver + " accepted "
                            + message.type() + " from " + sender + " under a key replaced since it was stolen");
                }
                record(receiver, new Recorded(sender, receiver, message));
            });
        }
    }

    /** Takes {@code victim}: records what it sends (after {@code inner} rewrote it) and receives. */
    MessageInterceptor hold(int victim, MessageInterceptor inner) {
        recording.put(victim, new ArrayList<>());
        return (receiver, message) -> {
            Message outgoing = inner.rewrite(receiver, message);
            if (outgoing != null) {
                record(victim, new Recorded(victim, receiver, outgoing));
            }
            return outgoing;
        };
    }

    private void record(int victim, Recorded recorded) {
        List<Recorded> messages = recording.get(victim);
        if (messages == null || recorded.message().type().authentication() == MessageType.Authentication.NONE) {
            return;
        }
        if (messages.size() == RECORDED_MAX) {
            messages.remove(0);
        }
        messages.add(recorded);
    }

    /**
     * The last moment the attacker holds {@code victim}: it copies the keys, and checks that they
     * work now (else the scenario would test nothing); its strikes start with the next event.
     */
    void steal(int victim) {
        List<Recorded> messages = recording.remove(victim);
        StolenKeys keys = cluster.sim().stealKeys(victim);
        for (Recorded recorded : messages) {
            if (recorded.sender() == victim && !cluster.host(recorded.receiver()).isDown()) {
                byte[] frame = keys.sealFromVictim(recorded.receiver(), recorded.message());
                if (!cluster.host(recorded.receiver()).authentic(frame)) {
                    throw new AssertionError("keys stolen from " + victim + " fail before any refresh: "
                            + recorded.message().type() + " to " + recorded.receiver());
                }
                break;
            }
        }
        if (!messages.isEmpty()) {
            heists.add(new Heist(keys, messages));
        }
    }

    /** Strikes every {@value #STRIKE_SPACING_MILLIS} ms from {@code fromMillis} to {@code untilMillis}. */
    void strikeBetween(long fromMillis, long untilMillis) {
        for (long at = fromMillis; at < untilMillis; at += STRIKE_SPACING_MILLIS) {
            cluster.sim().at(at, this::strike);
        }
    }

    private void strike() {
        for (Heist heist : heists) {
            Recorded recorded = heist.messages().get(random.nextInt(heist.messages().size()));
            StolenKeys keys = heist.keys();
            if (!keys.replaced(cluster.sim(), recorded.sender(), recorded.receiver())) {
                continue; // still good: using it would make the victim faulty beyond its compromise
            }
            byte[] frame = recorded.sender() == keys.victim()
                    ? keys.sealFromVictim(recorded.receiver(), recorded.message())
                    : keys.sealToVictim(recorded.sender(), recorded.message());
            deadKeyFrames.add(frame);
            deadKeyFramesSent++;
            cluster.sim().network().send(recorded.sender(), recorded.receiver(), frame);
        }
    }

    long deadKeyFramesSent() {
        return deadKeyFramesSent;
    }

    /** Throws if any frame under a replaced key was accepted, or if none was ever sent. */
    void check() {
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " frames under stolen keys accepted after a refresh, first: "
                    + violations.get(0));
        }
        if (!heists.isEmpty() && deadKeyFramesSent == 0) {
            throw new AssertionError("the key thief never used a stolen key after its refresh");
        }
    }
}
