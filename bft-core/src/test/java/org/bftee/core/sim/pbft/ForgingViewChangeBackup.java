package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.Arrays;
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
 * A Byzantine replica that lies in its VIEW-CHANGE messages: it claims that a batch of its invention
 * prepared, that it pre-prepared batches it never saw, that nothing prepared, an older stable
 * checkpoint, or a checkpoint with a wrong digest; or it tells the truth ({@link ViewChangeForgery}
 * describes each lie). These are the lies the decision procedure exists for: each is well formed,
 * so receivers acknowledge it and the new primary may count it, and only the quorums of conditions
 * A1 and A2 and of the checkpoint choice keep it from deciding a batch that never prepared, dropping
 * one that committed, or starting from a state no correct replica holds. A
 * {@link #sometimesMalformed} liar also sends messages that break one rule of
 * {@link org.bftee.core.viewchange.ViewChangeValidation}, which receivers must drop unacknowledged.
 *
 * <p>{@link Spread#SAME_TO_ALL} tells every receiver the same lie, so that the acks agree and the
 * new primary can count the lie into the decision; {@link Spread#EACH_ITS_OWN} draws a lie per
 * receiver, which also equivocates: receivers acknowledge different digests, and the new primary
 * will seldom count the message. The lie is fixed per receiver and message, so retransmissions
 * repeat it; a new truth (a later view change) draws again. VIEW-CHANGE messages of other replicas
 * that this one forwards go unchanged: forging those only makes their digest wrong, which receivers see.
 */
final class ForgingViewChangeBackup implements MessageInterceptor {

    enum Lie {
        TRUTH,
        FORGED_PREPARED,
        FORGED_PRE_PREPARED,
        NOTHING_PREPARED,
        STALE_CHECKPOINT,
        WRONG_CHECKPOINT_DIGEST,
        MALFORMED
    }

    /** Who hears which lie. */
    enum Spread {
        SAME_TO_ALL,
        EACH_ITS_OWN
    }

    private record Story(int receiver, ViewChange truth) {
    }

    private final int self;
    private final Spread spread;
    private final List<Lie> lies;
    private final SplittableRandom random;
    private final ViewChangeForgery forgery;
    private final Map<Story, ViewChange> told = new HashMap<>();

    private ForgingViewChangeBackup(int self, Spread spread, Quorums quorums, ProtocolLimits limits, List<Lie> lies,
                                    SplittableRandom random) {
        this.self = self;
        this.spread = spread;
        this.lies = List.copyOf(lies);
        this.random = random;
        this.forgery = new ViewChangeForgery(quorums, limits, random);
    }

    /** Tells every lie but {@link Lie#MALFORMED}, or the truth, with equal chances. */
    static ForgingViewChangeBackup wellFormed(int self, Spread spread, Quorums quorums, ProtocolLimits limits,
                                              SplittableRandom random) {
        List<Lie> lies = new ArrayList<>(Arrays.asList(Lie.values()));
        lies.remove(Lie.MALFORMED);
        return new ForgingViewChangeBackup(self, spread, quorums, limits, lies, random);
    }

    /** Tells every lie, malformed messages included, or the truth, with equal chances. */
    static ForgingViewChangeBackup sometimesMalformed(int self, Spread spread, Quorums quorums,
                                                      ProtocolLimits limits, SplittableRandom random) {
        return new ForgingViewChangeBackup(self, spread, quorums, limits, Arrays.asList(Lie.values()), random);
    }

    @Override
    public Message rewrite(int receiver, Message message) {
        if (!(message instanceof ViewChange viewChange) || viewChange.replica() != self) {
            return message;
        }
        // With one lie for all, every receiver's story is filed under one key, so they all get the first one drawn.
        int listener = spread == Spread.SAME_TO_ALL ? -1 : receiver;
        return told.computeIfAbsent(new Story(listener, viewChange),
                story -> tell(viewChange, lies.get(random.nextInt(lies.size()))));
    }

    /** What this replica sends in place of {@code truth} when it tells {@code lie}. */
    ViewChange tell(ViewChange truth, Lie lie) {
        return switch (lie) {
            case TRUTH -> truth;
            case FORGED_PREPARED -> forgery.forgedPrepared(truth);
            case FORGED_PRE_PREPARED -> forgery.forgedPrePrepared(truth);
            case NOTHING_PREPARED -> forgery.nothingPrepared(truth);
            case STALE_CHECKPOINT -> forgery.staleCheckpoint(truth);
            case WRONG_CHECKPOINT_DIGEST -> forgery.wrongCheckpointDigest(truth);
            case MALFORMED -> forgery.malformed(truth);
        };
    }
}
