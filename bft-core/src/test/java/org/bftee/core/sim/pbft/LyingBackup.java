package org.bftee.core.sim.pbft;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.Prepare;
import org.bftee.core.sim.MessageInterceptor;

/**
 * A Byzantine backup. Its PREPAREs and COMMITs carry, per receiver, the true batch digest, a
 * digest of its own invention (a different one for each receiver), or are not sent; its
 * CHECKPOINTs carry a wrong state digest half the time. Every message stays authentic: the lies
 * are the replica's, not the network's.
 *
 * <p>A {@link #consistent} liar tells each receiver one story per message kind and sequence
 * number, and repeats it when it retransmits. A {@link #flipFlopping} liar draws afresh for every
 * message, so a receiver may get its true vote and later a different one for the same view and
 * sequence number (or a vote moved to the next sequence number): it exposes a receiver that lets
 * a later vote replace an earlier one (see {@code ByzantineBackupRegressionTest}).
 */
final class LyingBackup implements MessageInterceptor {

    private record Story(int receiver, MessageType type, long sequence) {
    }

    private final SplittableRandom random;
    private final boolean consistent;
    private final Map<Story, Message> told = new HashMap<>();

    private LyingBackup(SplittableRandom random, boolean consistent) {
        this.random = random;
        this.consistent = consistent;
    }

    static LyingBackup consistent(SplittableRandom random) {
        return new LyingBackup(random, true);
    }

    static LyingBackup flipFlopping(SplittableRandom random) {
        return new LyingBackup(random, false);
    }

    @Override
    public Message rewrite(int receiver, Message message) {
        long sequence = switch (message.type()) {
            case PREPARE -> ((Prepare) message).sequence();
            case COMMIT -> ((Commit) message).sequence();
            case CHECKPOINT -> ((Checkpoint) message).sequence();
            default -> -1;
        };
        if (sequence < 0) {
            return message;
        }
        if (!consistent) {
            return lie(message, true);
        }
        Story story = new Story(receiver, message.type(), sequence);
        if (!told.containsKey(story)) {
            told.put(story, lie(message, false));
        }
        return told.get(story);
    }

    private Message lie(Message message, boolean mayMoveSequence) {
        int draw = random.nextInt(10);
        if (message instanceof Prepare prepare) {
            if (draw == 0) {
                return null;
            }
            long sequence = mayMoveSequence && draw == 4 ? prepare.sequence() + 1 : prepare.sequence();
            return draw <= 4 ? new Prepare(prepare.view(), sequence, invented(), prepare.replica()) : prepare;
        }
        if (message instanceof Commit commit) {
            if (draw == 0) {
                return null;
            }
            long sequence = mayMoveSequence && draw == 4 ? commit.sequence() + 1 : commit.sequence();
            return draw <= 4 ? new Commit(commit.view(), sequence, invented(), commit.replica()) : commit;
        }
        Checkpoint checkpoint = (Checkpoint) message;
        return draw < 5 ? new Checkpoint(checkpoint.sequence(), invented(), checkpoint.replica()) : checkpoint;
    }

    private Digest invented() {
        byte[] bytes = new byte[Digest.LENGTH];
        random.nextBytes(bytes);
        return Digest.of(bytes);
    }
}
