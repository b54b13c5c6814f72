package org.bftee.core.sim.pbft;

import java.util.List;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.Message;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.RequestDigest;
import org.bftee.core.sim.MessageInterceptor;

/**
 * A Byzantine primary that censors one client: every PRE-PREPARE it sends leaves out the batch
 * entries of {@code targetClient}, inline requests and request digests alike, and keeps the others
 * in their order. A batch left empty still goes out, as a pre-prepare of the null request, so the
 * backups see the primary ordering. That is why the attack matters: to everyone but the target the
 * primary looks correct, and only a view change triggered by the backups that hold the target's
 * requests restores its service (PROTOCOL.md, "Trigger").
 *
 * <p>Every backup gets the same filtered batch, and retransmissions repeat it. The primary itself
 * logged the genuine batch, so its digest differs from the one the backups prepare: the backups
 * (all {@code 3f} of them, at least a quorum) commit the filtered batch without it, and the primary
 * never commits a batch it filtered. Once {@code batchesInFlightMax} of those are pending it stops
 * proposing altogether (a limit of the interceptor, which cannot change what the primary logs, not
 * of the attack): runs see censorship first, then a stalled primary. Either way liveness needs the
 * view change, and scenarios must count the primary as faulty. The old pre-prepares this replica
 * forwards to a new primary that asks for batches (condition A3) are filtered too, so their digest
 * is wrong and the new primary needs them from someone else.
 */
record SelectivePrimary(int targetClient) implements MessageInterceptor {

    @Override
    public Message rewrite(int receiver, Message message) {
        if (!(message instanceof PrePrepare prePrepare)) {
            return message;
        }
        List<BatchEntry> kept = prePrepare.batch().stream().filter(entry -> clientOf(entry) != targetClient).toList();
        if (kept.size() == prePrepare.batch().size()) {
            return prePrepare;
        }
        return new PrePrepare(prePrepare.view(), prePrepare.sequence(), prePrepare.nonDeterministic(), kept);
    }

    private static int clientOf(BatchEntry entry) {
        if (entry instanceof InlineRequest inline) {
            return inline.request().client();
        }
        return ((RequestDigest) entry).client();
    }
}
