package org.bftee.bench.recovery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.driver.ReplicaStatus;

/**
 * One run of the recovery-under-load benchmark: fill the state, then drive the group with a closed
 * loop (one session of {@code lanes} lanes, a thread per lane, each operation rewriting one random
 * object) for the warm-up and the measured period, and halfway through the measured period start a
 * proactive recovery of one replica ({@code recoverNow}). Operations are counted by when they
 * completed, in 10 ms buckets, so that throughput can be read over any window of the run.
 *
 * @param beforeOpsPerSecond measured period before the recovery started
 * @param duringOpsPerSecond from the recovery's start until the benchmark saw it finished (at least one bucket)
 * @param twoSecondsOpsPerSecond the two seconds from the recovery's start (or longer, to its end): the
 *                           recovery and what follows it, less sensitive to a short window's noise
 * @param afterOpsPerSecond  from the recovery's end to the end of the measured period
 * @param recoveryMillis     the recovery's duration as the replica measured it ({@code recovery().lastMillis()})
 * @param windowMillis       the "during" window the benchmark saw
 * @param errors             operations that failed
 */
record RecoveryUnderLoadRun(double beforeOpsPerSecond, double duringOpsPerSecond, double twoSecondsOpsPerSecond,
                            double afterOpsPerSecond,
                            long recoveryMillis, long windowMillis, long errors) {

    private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int TWO_SECONDS_BUCKETS = 200;
    private static final Duration RECOVERY_PATIENCE = Duration.ofMinutes(5);

    /** Throughput while the replica recovered, as a share of the throughput before. */
    double ratio() {
        return duringOpsPerSecond / beforeOpsPerSecond;
    }

    /** Throughput over the two seconds from the recovery's start, as a share of the throughput before. */
    double twoSecondsRatio() {
        return twoSecondsOpsPerSecond / beforeOpsPerSecond;
    }

    static RecoveryUnderLoadRun measure(long stateBytes, int objectBytes, int lanes, int recovering, Duration warmUp,
                                        Duration measured, long seed, Path stateRoot)
            throws IOException, BftClientException, InterruptedException {
        try (BenchGroup group = BenchGroup.start(stateBytes, objectBytes, stateRoot, 2)) {
            group.fill(seed);
            group.stableCheckpointAtLeast(group.lastExecuted(), 0);
            BftClient client = group.local.connectClient(1, BftClientOptions.defaults().withLanes(lanes));

            long start = System.nanoTime();
            long measuredFrom = start + warmUp.toNanos();
            long end = measuredFrom + measured.toNanos();
            AtomicLongArray completed = new AtomicLongArray(Math.toIntExact((end - start) / BUCKET_NANOS + 1));
            AtomicLong errors = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                SplittableRandom random = new SplittableRandom(seed * 31 + lane);
                Thread thread = new Thread(() -> drive(client, group.objectCount, objectBytes, random, start, end,
                        completed, errors), "recovery-bench-lane-" + lane);
                thread.start();
                threads.add(thread);
            }

            sleepUntil(measuredFrom + measured.toNanos() / 2);
            long recoveryStart = System.nanoTime();
            group.local.replica(recovering).recoverNow();
            boolean recovered = BenchGroup.await(() -> group.status(recovering).recovery().completed() > 0,
                    RECOVERY_PATIENCE);
            long recoveryEnd = System.nanoTime();
            for (Thread thread : threads) {
                thread.join();
            }
            ReplicaStatus status = group.status(recovering);
            if (!recovered || recoveryEnd > end) {
                throw new IllegalStateException("replica " + recovering + " did not recover within the measured period"
                        + ": " + status);
            }
            int from = bucket(measuredFrom, start);
            int startBucket = bucket(recoveryStart, start);
            int endBucket = Math.max(startBucket + 1, bucket(recoveryEnd, start) + 1);
            int last = bucket(end, start);
            int twoSecondsEnd = Math.min(last, Math.max(endBucket, startBucket + TWO_SECONDS_BUCKETS));
            return new RecoveryUnderLoadRun(rate(completed, from, startBucket), rate(completed, startBucket, endBucket),
                    rate(completed, startBucket, twoSecondsEnd), rate(completed, endBucket, last), status.recovery().lastMillis(),
                    (endBucket - startBucket) * BUCKET_NANOS / 1_000_000, errors.get());
        }
    }

    private static void drive(BftClient client, int objectCount, int objectBytes, SplittableRandom random, long start,
                              long end, AtomicLongArray completed, AtomicLong errors) {
        while (System.nanoTime() < end) {
            try {
                client.invoke(SizedObjectService.write(random.nextInt(objectCount), 1, 1, objectBytes,
                        random.nextLong()), false);
                long now = System.nanoTime();
                if (now < end) {
                    completed.incrementAndGet(bucket(now, start));
                }
            } catch (BftClientException failed) {
                errors.incrementAndGet();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int bucket(long nanos, long start) {
        return (int) ((nanos - start) / BUCKET_NANOS);
    }

    /** Operations a second completed in buckets {@code [from, to)}. */
    private static double rate(AtomicLongArray completed, int from, int to) {
        long operations = 0;
        for (int i = from; i < to; i++) {
            operations += completed.get(i);
        }
        return operations / ((to - from) * BUCKET_NANOS / 1e9);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
