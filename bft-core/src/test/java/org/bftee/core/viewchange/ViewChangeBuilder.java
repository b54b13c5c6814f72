package org.bftee.core.viewchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;

/**
 * Builds one VIEW-CHANGE the way the paper writes it: {@code h}, the checkpoints in C, what
 * prepared (P) and what pre-prepared (Q). {@link #prepared} also records the Q pair a replica that
 * prepared necessarily has. Batches and checkpoints are named; {@code "null"} is the null request.
 */
final class ViewChangeBuilder {

    private final int replica;
    private long stable;
    private final TreeMap<Long, Digest> checkpoints = new TreeMap<>();
    private final TreeMap<Long, PreparedEntry> prepared = new TreeMap<>();
    private final TreeMap<Long, Map<Digest, Long>> prePrepared = new TreeMap<>();

    private ViewChangeBuilder(int replica) {
        this.replica = replica;
    }

    static ViewChangeBuilder from(int replica) {
        return new ViewChangeBuilder(replica);
    }

    /** The digest named {@code name}; {@code "null"} is the null request's. */
    static Digest digest(String name) {
        if (name.equals("null")) {
            return Digest.ZERO;
        }
        return DigestAlgorithm.SHA_256.newDigester().digest(name.getBytes(StandardCharsets.UTF_8));
    }

    ViewChangeBuilder stable(long sequence) {
        stable = sequence;
        return this;
    }

    ViewChangeBuilder checkpoint(long sequence, String state) {
        checkpoints.put(sequence, digest(state));
        return this;
    }

    /** P entry {@code (sequence, batch, view)} and the matching Q pair. */
    ViewChangeBuilder prepared(long sequence, String batch, long view) {
        prepared.put(sequence, new PreparedEntry(sequence, digest(batch), view));
        return prePrepared(sequence, batch, view);
    }

    /** Q pair {@code (batch, view)} for {@code sequence}, keeping the latest view per batch. */
    ViewChangeBuilder prePrepared(long sequence, String batch, long view) {
        prePrepared.computeIfAbsent(sequence, s -> new LinkedHashMap<>()).merge(digest(batch), view, Math::max);
        return this;
    }

    ViewChange forView(long newView) {
        List<CheckpointEntry> c = new ArrayList<>();
        checkpoints.forEach((sequence, digest) -> c.add(new CheckpointEntry(sequence, digest)));
        List<PrePreparedEntry> q = new ArrayList<>();
        prePrepared.forEach((sequence, views) -> {
            List<DigestView> pairs = new ArrayList<>();
            views.forEach((digest, view) -> pairs.add(new DigestView(digest, view)));
            q.add(new PrePreparedEntry(sequence, pairs));
        });
        return new ViewChange(newView, stable, c, new ArrayList<>(prepared.values()), q, replica);
    }
}
