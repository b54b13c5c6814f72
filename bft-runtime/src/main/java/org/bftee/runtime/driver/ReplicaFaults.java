package org.bftee.runtime.driver;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.bftee.core.message.Message;

/**
 * Byzantine behaviour of one replica for the benchmarks and tests that attack a group (issue 9):
 * a replica that delays or withholds some of its messages, or floods its peers with frames of its
 * choice. It exists because the attacks the robustness measures answer must be measured on the real
 * transport, and only the replica itself holds the session keys that make its flood look authentic.
 * Nothing sets a fault in production; with none set, {@link #divert} costs one volatile read.
 *
 * <p>Every method is safe from any thread; sealing and delayed sends run on the replica's owner thread.
 */
public final class ReplicaFaults {

    /** What a faulty replica does with one message it is about to send. */
    @FunctionalInterface
    public interface OutboundRule {
        /** Sends the message at once. */
        long NOW = 0;
        /** Never sends it. */
        long DROP = -1;

        /**
         * The delay in milliseconds before {@code message} goes to {@code receiver} ({@code -1}: to every
         * other replica), {@link #NOW} or {@link #DROP}.
         */
        long delayMillis(int receiver, Message message);
    }

    /** Sends a message as the replica would (the receiver -1 multicasts), on the owner thread. */
    @FunctionalInterface
    interface Sender {
        void send(int receiver, Message message);
    }

    /** Seals a message for one receiver with the replica's keys, on the owner thread. */
    @FunctionalInterface
    interface Sealer {
        ByteBuffer seal(int receiver, Message message);
    }

    private final EventLoopOwner loop;
    private final Sender sender;
    private final Sealer sealer;
    private final BiConsumer<Integer, java.util.List<ByteBuffer>> rawWriter;
    private volatile OutboundRule rule;

    ReplicaFaults(EventLoopOwner loop, Sender sender, Sealer sealer,
                  BiConsumer<Integer, java.util.List<ByteBuffer>> rawWriter) {
        this.loop = loop;
        this.sender = sender;
        this.sealer = sealer;
        this.rawWriter = rawWriter;
    }

    /** From now on every outbound message of the core passes {@code value}; null makes the replica correct again. */
    public void outbound(OutboundRule value) {
        this.rule = value;
    }

    /**
     * The frame that carries {@code message} from this replica to replica {@code receiver}, authentic under
     * the session keys of the moment: what a flooding replica replays.
     */
    public CompletableFuture<ByteBuffer> seal(int receiver, Message message) {
        CompletableFuture<ByteBuffer> frame = new CompletableFuture<>();
        if (!loop.offer(() -> frame.complete(sealer.seal(receiver, message)))) {
            frame.completeExceptionally(new IllegalStateException("the replica's owner queue refused the event"));
        }
        return frame;
    }

    /** Writes {@code frames} to replica {@code peer} on this replica's connection and flushes them, at once. */
    public void writeRaw(int peer, java.util.List<ByteBuffer> frames) {
        rawWriter.accept(peer, Objects.requireNonNull(frames, "frames"));
    }

    /**
     * On the owner thread: true if the rule took {@code message} away from the normal send (dropped, or
     * scheduled to go out later through the sender), false if it goes out now.
     */
    boolean divert(int receiver, Message message) {
        OutboundRule current = rule;
        if (current == null) {
            return false;
        }
        long delay = current.delayMillis(receiver, message);
        if (delay == OutboundRule.NOW) {
            return false;
        }
        if (delay > 0) {
            loop.loop().schedule(() -> loop.execute(() -> sender.send(receiver, message)), delay,
                    TimeUnit.MILLISECONDS);
        }
        return true;
    }
}
