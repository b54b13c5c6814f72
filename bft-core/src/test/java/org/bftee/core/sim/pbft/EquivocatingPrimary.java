package org.bftee.core.sim.pbft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.sim.MessageInterceptor;

/**
 * A Byzantine primary that equivocates: each of its {@code victims} gets, for every sequence
 * number, its own authentic PRE-PREPARE with a different batch than the one the primary logged and
 * sends everyone else: a later proposed time, the last request left out (possibly leaving a null
 * request), the requests in reverse order, or no requests at all. The variant is fixed per victim
 * and sequence number, so the primary's retransmissions repeat it. Everything else passes unchanged.
 */
final class EquivocatingPrimary implements MessageInterceptor {

    private record Key(int receiver, long sequence) {
    }

    private final Set<Integer> victims;
    private final SplittableRandom random;
    private final Map<Key, PrePrepare> sent = new HashMap<>();

    EquivocatingPrimary(Set<Integer> victims, SplittableRandom random) {
        this.victims = Set.copyOf(victims);
        this.random = random;
    }

    @Override
    public Message rewrite(int receiver, Message message) {
        if (!(message instanceof PrePrepare prePrepare) || !victims.contains(receiver)) {
            return message;
        }
        return sent.computeIfAbsent(new Key(receiver, prePrepare.sequence()), key -> variant(prePrepare));
    }

    private PrePrepare variant(PrePrepare genuine) {
        List<BatchEntry> batch = new ArrayList<>(genuine.batch());
        switch (random.nextInt(4)) {
            case 0 -> {
                return laterTime(genuine);
            }
            case 1 -> {
                if (batch.isEmpty()) {
                    return laterTime(genuine);
                }
                batch.remove(batch.size() - 1);
            }
            case 2 -> {
                if (batch.size() < 2) {
                    return laterTime(genuine);
                }
                Collections.reverse(batch);
            }
            default -> batch.clear();
        }
        if (batch.equals(genuine.batch())) {
            return laterTime(genuine);
        }
        return new PrePrepare(genuine.view(), genuine.sequence(), genuine.nonDeterministic(), batch);
    }

    /** The same batch with a later proposed time (the first eight bytes); the service's choices stay. */
    private PrePrepare laterTime(PrePrepare genuine) {
        byte[] inputs = genuine.nonDeterministic().toByteArray();
        ByteBuffer time = ByteBuffer.wrap(inputs);
        time.putLong(0, time.getLong(0) + 1 + random.nextInt(4));
        return new PrePrepare(genuine.view(), genuine.sequence(), Bytes.wrap(inputs), genuine.batch());
    }
}
