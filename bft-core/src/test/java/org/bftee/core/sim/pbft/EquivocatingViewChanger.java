package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.message.Message;
import org.bftee.core.message.ViewChange;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.sim.MessageInterceptor;

/**
 * A Byzantine replica that sends different, well-formed VIEW-CHANGE messages to different
 * replicas: two or three versions per view change, each with another P set (the truth; then
 * nothing prepared, or, if nothing did, a forged P entry; then another forged P entry), spread
 * over the other replicas in a random order so that every version reaches someone. Each receiver
 * gets one version and keeps getting it.
 *
 * <p>This is the attack VIEW-CHANGE-ACKs exist for (PROTOCOL.md, "Acks"): every receiver
 * acknowledges the digest of the version it holds, and the new primary may count this replica's
 * message only once {@code 2f - 1} others acknowledge the digest of the version it holds itself,
 * so that {@code f + 1} correct replicas can hand exactly that message to any backup checking the
 * NEW-VIEW. With three versions over few receivers no digest may gather enough acks, and the new
 * primary must decide without this replica; with two it may count one version while some backups
 * hold the other and must fetch the named one by its digest.
 */
final class EquivocatingViewChanger implements MessageInterceptor {

    /** The versions of one VIEW-CHANGE and which one each receiver gets. */
    private record Plan(List<ViewChange> versions, Map<Integer, Integer> versionOf) {
    }

    private final int self;
    private final int n;
    private final SplittableRandom random;
    private final ViewChangeForgery forgery;
    private final Map<ViewChange, Plan> plans = new HashMap<>();

    EquivocatingViewChanger(int self, Quorums quorums, ProtocolLimits limits, SplittableRandom random) {
        this.self = self;
        this.n = quorums.n();
        this.random = random;
        this.forgery = new ViewChangeForgery(quorums, limits, random);
    }

    @Override
    public Message rewrite(int receiver, Message message) {
        if (!(message instanceof ViewChange viewChange) || viewChange.replica() != self) {
            return message;
        }
        Plan plan = plans.computeIfAbsent(viewChange, this::plan);
        return plan.versions().get(plan.versionOf().getOrDefault(receiver, 0));
    }

    private Plan plan(ViewChange truth) {
        List<ViewChange> versions = new ArrayList<>();
        versions.add(truth);
        versions.add(truth.prepared().isEmpty() ? forgery.forgedPrepared(truth) : withoutPrepared(truth));
        if (random.nextBoolean()) {
            versions.add(forgery.forgedPrepared(truth));
        }
        List<Integer> receivers = new ArrayList<>();
        for (int replica = 0; replica < n; replica++) {
            if (replica != self) {
                receivers.add(replica);
            }
        }
        // Fisher-Yates with the seeded stream, so the spread replays from the seed.
        for (int i = receivers.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            receivers.set(j, receivers.set(i, receivers.get(j)));
        }
        Map<Integer, Integer> versionOf = new HashMap<>();
        for (int i = 0; i < receivers.size(); i++) {
            versionOf.put(receivers.get(i), i % versions.size());
        }
        return new Plan(List.copyOf(versions), Map.copyOf(versionOf));
    }

    private static ViewChange withoutPrepared(ViewChange truth) {
        return new ViewChange(truth.newView(), truth.stableSequence(), truth.checkpoints(), List.of(),
                truth.prePrepared(), truth.replica());
    }
}
