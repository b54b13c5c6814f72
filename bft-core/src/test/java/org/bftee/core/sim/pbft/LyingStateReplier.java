package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Data;
import org.bftee.core.message.Message;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.MetaDataDigest;
import org.bftee.core.message.PartitionSummary;
import org.bftee.core.sim.MessageInterceptor;

/**
 * A Byzantine replica that takes part in agreement correctly but lies in state transfer: its
 * META-DATA has a child's digest or {@code lm} changed, a child dropped or the checkpoint moved;
 * its DATA has a value or {@code lm} changed; its root META-DATA-DIGEST vouches for a checkpoint
 * digest of its own invention. Or, {@link #silent}, it never answers a fetch at all. Every message
 * stays authentic: the fetcher must find the lie in the content.
 */
final class LyingStateReplier implements MessageInterceptor {

    private final SplittableRandom random;
    private final boolean silent;

    private LyingStateReplier(SplittableRandom random, boolean silent) {
        this.random = random;
        this.silent = silent;
    }

    static LyingStateReplier lying(SplittableRandom random) {
        return new LyingStateReplier(random, false);
    }

    static LyingStateReplier silent(SplittableRandom random) {
        return new LyingStateReplier(random, true);
    }

    @Override
    public Message rewrite(int receiver, Message message) {
        return switch (message.type()) {
            case META_DATA -> silent ? null : lie((MetaData) message);
            case DATA -> silent ? null : lie((Data) message);
            case META_DATA_DIGEST -> silent ? null : lie((MetaDataDigest) message);
            default -> message;
        };
    }

    private Message lie(MetaData message) {
        List<PartitionSummary> children = new ArrayList<>(message.children());
        int victim = random.nextInt(children.size());
        PartitionSummary child = children.get(victim);
        switch (random.nextInt(4)) {
            case 0 -> children.set(victim, new PartitionSummary(child.index(), child.lastModified(), randomDigest()));
            case 1 -> children.set(victim, new PartitionSummary(child.index(), child.lastModified() + 1, child.digest()));
            case 2 -> children.remove(victim);
            default -> {
                return new MetaData(message.checkpoint() + 1, message.level(), message.index(), children,
                        message.replica());
            }
        }
        return new MetaData(message.checkpoint(), message.level(), message.index(), children, message.replica());
    }

    private Message lie(Data message) {
        if (random.nextBoolean()) {
            return new Data(message.index(), message.lastModified() + 1, message.value(), message.replica());
        }
        byte[] value = message.value().toByteArray();
        if (value.length == 0) {
            value = new byte[] {42};
        } else {
            value[random.nextInt(value.length)] ^= 1;
        }
        return new Data(message.index(), message.lastModified(), Bytes.wrap(value), message.replica());
    }

    private Message lie(MetaDataDigest message) {
        return new MetaDataDigest(message.checkpoint(), 0, 0, randomDigest(), message.replica());
    }

    private Digest randomDigest() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Digest.of(bytes);
    }
}
