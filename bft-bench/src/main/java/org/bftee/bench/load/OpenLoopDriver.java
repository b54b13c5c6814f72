package org.bftee.bench.load;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One sender thread that sends operation {@code k} at {@code start + k / rate}, to target {@code k
 * mod clients}, and records each latency from that intended time. A sender that wakes late sends
 * the operations it owes at once, each still charged from its own intended time.
 */
final class OpenLoopDriver implements LoadDriver {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    /** How long the sender parks at most, so that it notices the end of the run while idle. */
    private static final long PARK_NANOS_MAX = TimeUnit.MILLISECONDS.toNanos(10);

    private final RunState state;
    private final List<LoadTarget> targets;
    private final LoadMode.OpenLoop mode;
    private final OperationSource[] sources;
    private final Thread sender;

    OpenLoopDriver(RunState state, List<LoadTarget> targets, LoadMode.OpenLoop mode, OperationSource.Factory operations) {
        this.state = state;
        this.targets = targets;
        this.mode = mode;
        this.sources = new OperationSource[targets.size()];
        for (int client = 0; client < sources.length; client++) {
            sources[client] = operations.forClient(client);
        }
        this.sender = new Thread(this::sendAtRate, "load-sender");
        sender.setDaemon(true);
    }

    @Override
    public void start() {
        sender.start();
    }

    private void sendAtRate() {
        long start = state.runStart();
        long rate = mode.ratePerSecond();
        for (long k = 0; state.issuing(); k++) {
            // Split k so that k * 1e9 cannot overflow however long the run.
            long intended = start + (k / rate) * NANOS_PER_SECOND + (k % rate) * NANOS_PER_SECOND / rate;
            if (!parkUntil(intended)) {
                return;
            }
            send((int) (k % targets.size()), intended);
        }
    }

    /** Parks until {@code deadline}; false if the run ended first. */
    private boolean parkUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            if (!state.issuing()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(remaining, PARK_NANOS_MAX));
        }
        return state.issuing();
    }

    private void send(int client, long intended) {
        // Only this thread adds to the outstanding count, so it cannot rise between check and add.
        if (state.outstanding().get() >= mode.outstandingMax()) {
            state.skipped();
            return;
        }
        state.outstanding().incrementAndGet();
        Operation operation = sources[client].next();
        try {
            targets.get(client).invoke(operation.bytes(), operation.readOnly()).whenComplete((result, failure) -> {
                if (failure == null) {
                    state.completed(client, intended);
                } else {
                    state.failed(failure);
                }
                state.outstanding().decrementAndGet();
            });
        } catch (RuntimeException e) {
            state.failed(e);
            state.outstanding().decrementAndGet();
        }
    }

    @Override
    public void awaitQuiet(long deadlineNanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedJoin(sender, deadlineNanos - System.nanoTime());
        while (state.outstanding().get() > 0 && deadlineNanos - System.nanoTime() > 0) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    @Override
    public void abandon() {
        sender.interrupt();
    }
}
