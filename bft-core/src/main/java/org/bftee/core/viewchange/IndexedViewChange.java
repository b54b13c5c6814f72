package org.bftee.core.viewchange;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;

/**
 * One VIEW-CHANGE with its C, P and Q sets indexed for lookup. The maps are only ever looked
 * up, never iterated, so their hash order cannot leak into a decision.
 */
record IndexedViewChange(ViewChange message, Set<CheckpointEntry> checkpoints,
                         Map<Long, PreparedEntry> prepared, Map<Long, Map<Digest, Long>> prePrepared) {

    /** Indexes a message that passed {@link ViewChangeValidation}; fails loudly on one that did not. */
    static IndexedViewChange of(ViewChange message) {
        Set<CheckpointEntry> checkpoints = new HashSet<>(message.checkpoints());
        Map<Long, PreparedEntry> prepared = new HashMap<>();
        for (PreparedEntry entry : message.prepared()) {
            if (prepared.put(entry.sequence(), entry) != null) {
                throw notValidated(message, "two P entries for " + entry.sequence());
            }
        }
        Map<Long, Map<Digest, Long>> prePrepared = new HashMap<>();
        for (PrePreparedEntry entry : message.prePrepared()) {
            Map<Digest, Long> views = new HashMap<>();
            for (DigestView pair : entry.digestViews()) {
                if (views.put(pair.digest(), pair.view()) != null) {
                    throw notValidated(message, "a digest twice in the Q entry for " + entry.sequence());
                }
            }
            if (prePrepared.put(entry.sequence(), views) != null) {
                throw notValidated(message, "two Q entries for " + entry.sequence());
            }
        }
        return new IndexedViewChange(message, checkpoints, prepared, prePrepared);
    }

    long stableSequence() {
        return message.stableSequence();
    }

    /** The P entry for {@code sequence}, or null. */
    PreparedEntry preparedAt(long sequence) {
        return prepared.get(sequence);
    }

    /** Whether Q lists {@code digest} for {@code sequence} with a view of at least {@code view}. */
    boolean prePreparedSince(long sequence, Digest digest, long view) {
        Map<Digest, Long> views = prePrepared.get(sequence);
        Long latest = views == null ? null : views.get(digest);
        return latest != null && latest >= view;
    }

    private static IllegalArgumentException notValidated(ViewChange message, String problem) {
        return new IllegalArgumentException("the VIEW-CHANGE from replica " + message.replica()
                + " did not pass ViewChangeValidation: " + problem);
    }
}
