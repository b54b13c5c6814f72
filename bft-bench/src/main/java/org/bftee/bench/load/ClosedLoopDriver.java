package org.bftee.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A thread per client, each sending its next operation when the previous one completes. A thread
 * that blocks on the future is the plainest closed loop: chaining the next send onto the
 * completion would run it on the target's own thread, which a transport may not allow.
 */
final class ClosedLoopDriver implements LoadDriver {

    private final RunState state;
    private final List<LoadTarget> targets;
    private final OperationSource.Factory operations;
    private final List<Thread> threads = new ArrayList<>();

    ClosedLoopDriver(RunState state, List<LoadTarget> targets, OperationSource.Factory operations) {
        this.state = state;
        this.targets = targets;
        this.operations = operations;
    }

    @Override
    public void start() {
        for (int client = 0; client < targets.size(); client++) {
            int index = client;
            OperationSource source = operations.forClient(client);
            Thread thread = new Thread(() -> sendBackToBack(index, targets.get(index), source), "load-client-" + client);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void sendBackToBack(int client, LoadTarget target, OperationSource source) {
        while (state.issuing()) {
            Operation operation = source.next();
            state.outstanding().incrementAndGet();
            long sent = System.nanoTime();
            try {
                target.invoke(operation.bytes(), operation.readOnly()).get();
                state.completed(client, sent);
            } catch (ExecutionException e) {
                state.failed(e.getCause());
            } catch (InterruptedException e) {
                // Abandoned after the drain timeout: the operation stays outstanding, so unfinished.
                return;
            } catch (RuntimeException e) {
                state.failed(e);
            }
            state.outstanding().decrementAndGet();
        }
    }

    @Override
    public void awaitQuiet(long deadlineNanos) throws InterruptedException {
        for (Thread thread : threads) {
            TimeUnit.NANOSECONDS.timedJoin(thread, deadlineNanos - System.nanoTime());
        }
    }

    @Override
    public void abandon() {
        threads.forEach(Thread::interrupt);
    }
}
