package org.bftee.runtime.driver;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.bftee.core.auth.AuthRejectReason;
import org.bftee.core.auth.AuthRejectionCounters;
import org.bftee.core.replica.DropReason;
import org.bftee.core.replica.ReplicaCounters;

/**
 * What one replica refused, per reason, copied on its owner thread for other threads (management,
 * logs): frames it could not authenticate, and messages the core dropped. Every reason is present,
 * with zero when it never happened, so that monitoring sees a fixed set of keys.
 *
 * @param framesUnauthenticated frames the driver refused before the core saw them
 * @param messagesDropped       messages and requests the core dropped
 */
public record ReplicaRejections(Map<AuthRejectReason, Long> framesUnauthenticated,
                                Map<DropReason, Long> messagesDropped) {

    static ReplicaRejections of(AuthRejectionCounters unauthenticated, ReplicaCounters core) {
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, core.dropped(reason));
        }
        return new ReplicaRejections(unauthenticated.snapshot(), Collections.unmodifiableMap(dropped));
    }

    /** The sum of both kinds, which tells the owner thread whether a new copy is needed. */
    static long total(AuthRejectionCounters unauthenticated, ReplicaCounters core) {
        return unauthenticated.total() + core.droppedTotal();
    }
}
