package org.bftee.core.sim.pbft;

import org.bftee.core.message.Message;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.sim.MessageInterceptor;

/**
 * A Byzantine primary that stops ordering: from {@code fromSequence} on it sends no PRE-PREPARE to
 * anyone, first sends and retransmissions alike, while it goes on sending everything else as a
 * correct replica would (COMMITs for earlier sequence numbers, CHECKPOINTs, STATUS, replies).
 * Unlike a crashed host it stays in the group, so it also takes part in the view change it causes.
 * Only a view change restores liveness: the backups' request timers expire and they move to the
 * next view. A {@code fromSequence} above 1 lets some batches prepare first, so the VIEW-CHANGE
 * messages carry non-empty P and Q sets for the new primary to re-propose. As a backup in a later
 * view change it also withholds the old pre-prepares a new primary asks it for (condition A3):
 * every PRE-PREPARE from {@code fromSequence} on is dropped, whichever view it belongs to.
 *
 * @param fromSequence the first sequence number whose pre-prepare is never sent; 1 silences it from the start
 */
record SilentPrimary(long fromSequence) implements MessageInterceptor {

    @Override
    public Message rewrite(int receiver, Message message) {
        if (message instanceof PrePrepare prePrepare && prePrepare.sequence() >= fromSequence) {
            return null;
        }
        return message;
    }
}
