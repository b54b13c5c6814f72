package org.bftee.bench.attack;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Message;
import org.bftee.core.message.Prepare;
import org.bftee.runtime.driver.ReplicaFaults;

/**
 * A faulty replica that floods its peers while it goes on taking part in the protocol: frames sealed
 * with its own session keys (so they authenticate) that carry stale PREPAREs, COMMITs and CHECKPOINTs,
 * at or below the group's stable checkpoint; the same frames with a byte of their digest flipped (forged
 * MACs, each costing the receiver a decode and a MAC check); and, unless left out, frames of random bytes behind a valid header
 * (the receiver closes the connection after 16 of those, and the flooder's replica reconnects after its
 * backoff). The offered rate is fixed, spread over the peers, written in bursts of 16 per peer.
 */
final class ReplicaFlood implements AutoCloseable {

    /** Frame header (18 bytes), then view and sequence (16): inside a PREPARE's or COMMIT's digest, and a CHECKPOINT's. */
    private static final int FORGED_BYTE = 18 + 20;

    private final ReplicaFaults faults;
    private final int self;
    private final int n;
    private final int framesPerSecond;
    private final List<List<ByteBuffer>> framesByPeer = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder sent = new LongAdder();
    private final Thread thread;

    /**
     * @param staleBelow a sequence number at or below the group's stable checkpoint: every message is about one below it
     */
    ReplicaFlood(ReplicaFaults faults, int self, int n, long staleBelow, long checkpointInterval, int framesPerSecond,
                 boolean withGarbage) throws Exception {
        this.faults = faults;
        this.self = self;
        this.n = n;
        this.framesPerSecond = framesPerSecond;
        SplittableRandom random = new SplittableRandom(self);
        for (int peer = 0; peer < n; peer++) {
            List<ByteBuffer> frames = new ArrayList<>();
            if (peer != self) {
                for (int i = 0; i < 16; i++) {
                    long sequence = Math.max(1, staleBelow - i);
                    Message stale = switch (i % 3) {
                        case 0 -> new Prepare(0, sequence, digest(random), self);
                        case 1 -> new Commit(0, sequence, digest(random), self);
                        default -> new Checkpoint(Math.max(checkpointInterval,
                                staleBelow / checkpointInterval * checkpointInterval), digest(random), self);
                    };
                    ByteBuffer frame = faults.seal(peer, stale).get(5, TimeUnit.SECONDS);
                    frames.add(frame);
                    // A byte of the digest the message carries (after view and sequence, or the checkpoint's
                    // sequence): the frame still decodes, and its MAC no longer matches.
                    ByteBuffer forged = copy(frame);
                    forged.put(FORGED_BYTE, (byte) (forged.get(FORGED_BYTE) ^ 1));
                    frames.add(forged);
                    if (withGarbage) {
                        ByteBuffer garbage = copy(frame);
                        for (int at = 18; at < garbage.limit(); at++) {
                            garbage.put(at, (byte) random.nextInt());
                        }
                        frames.add(garbage);
                    }
                }
            }
            framesByPeer.add(frames);
        }
        this.thread = new Thread(this::run, "attack-replica-flood");
        this.thread.setDaemon(true);
    }

    private static Digest digest(SplittableRandom random) {
        byte[] bytes = new byte[Digest.LENGTH];
        random.nextBytes(bytes);
        return Digest.of(bytes);
    }

    private static ByteBuffer copy(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(frame.duplicate()).flip();
        return copy;
    }

    void start() {
        thread.start();
    }

    long sent() {
        return sent.sum();
    }

    /** Frames written to one peer per flush: an attacker batches its writes too. */
    private static final int BURST = 16;

    private void run() {
        long intervalNanos = 1_000_000_000L * BURST * (n - 1) / framesPerSecond;
        long next = System.nanoTime();
        long round = 0;
        while (running.get()) {
            for (int peer = 0; peer < n; peer++) {
                if (peer != self) {
                    List<ByteBuffer> frames = framesByPeer.get(peer);
                    List<ByteBuffer> burst = new ArrayList<>(BURST);
                    for (int i = 0; i < BURST; i++) {
                        burst.add(frames.get((int) ((round * BURST + i) % frames.size())).duplicate());
                    }
                    faults.writeRaw(peer, burst);
                    sent.add(BURST);
                }
            }
            round++;
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
