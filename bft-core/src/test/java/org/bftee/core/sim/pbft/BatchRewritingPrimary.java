package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.Message;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Request;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.sim.MessageInterceptor;

/**
 * A Byzantine primary that sends every backup the same PRE-PREPARE, but not the batch it logged:
 * from some sequence number on, it adds to a batch either a request it {@link Mode#INVENT}s in a
 * correct client's name (an operation the client never sent, with a garbage authenticator), or
 * {@link Mode#DUPLICATE} a request it already ordered in an earlier batch. Rewrites are fixed per
 * sequence number, so retransmissions repeat them. Correct backups must refuse the invented request
 * (they cannot authenticate it) and must not execute the duplicate twice; the primary itself never
 * prepares the rewritten batch, so the group stalls after it (no view change yet): scenarios with
 * this primary check safety only.
 */
final class BatchRewritingPrimary implements MessageInterceptor {

    enum Mode {
        INVENT,
        DUPLICATE
    }

    /** Timestamps of invented requests: far above any a client's clock gives. */
    static final long INVENTED_TIMESTAMP = Long.MAX_VALUE / 4;

    private final Mode mode;
    private final int victimClient;
    private final int n;
    private final int tagLength;
    private final int batchRequestsMax;
    private final long fromSequence;
    private final SplittableRandom random;
    private final Map<Long, PrePrepare> rewritten = new HashMap<>();
    private final List<BatchEntry> ordered = new ArrayList<>();
    private long inventions;

    BatchRewritingPrimary(Mode mode, int victimClient, int n, int tagLength, long fromSequence,
                          SplittableRandom random) {
        this.mode = mode;
        this.victimClient = victimClient;
        this.n = n;
        this.tagLength = tagLength;
        this.batchRequestsMax = SimSettings.LIMITS.batchRequestsMax();
        this.fromSequence = fromSequence;
        this.random = random;
    }

    @Override
    public Message rewrite(int receiver, Message message) {
        if (!(message instanceof PrePrepare prePrepare)) {
            return message;
        }
        PrePrepare done = rewritten.get(prePrepare.sequence());
        if (done != null) {
            return done;
        }
        PrePrepare sent = prePrepare.sequence() < fromSequence ? prePrepare : rewriteBatch(prePrepare);
        rewritten.put(prePrepare.sequence(), sent);
        ordered.addAll(prePrepare.batch());
        return sent;
    }

    private PrePrepare rewriteBatch(PrePrepare genuine) {
        BatchEntry added = mode == Mode.INVENT ? invented() : earlier();
        if (added == null) {
            return genuine;
        }
        List<BatchEntry> batch = new ArrayList<>(genuine.batch());
        if (batch.size() >= batchRequestsMax) {
            batch.remove(batch.size() - 1);
        }
        batch.add(random.nextInt(batch.size() + 1), added);
        return new PrePrepare(genuine.view(), genuine.sequence(), genuine.nonDeterministic(), batch);
    }

    private BatchEntry invented() {
        byte[] garbage = new byte[n * tagLength];
        random.nextBytes(garbage);
        KvOperation put = new KvOperation.Put(KvWorkload.key(0), KvWorkload.text("invented-" + inventions));
        Request request = new Request(victimClient, 0, INVENTED_TIMESTAMP + inventions++, 0, KvOperations.encode(put),
                Authenticator.wrap(garbage, tagLength));
        return new InlineRequest(request);
    }

    private BatchEntry earlier() {
        return ordered.isEmpty() ? null : ordered.get(random.nextInt(ordered.size()));
    }
}
