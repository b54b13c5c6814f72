package org.bftee.core.sim.pbft;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bftee.core.client.ClientConfig;
import org.bftee.core.client.ClientCore;
import org.bftee.core.client.ClientListener;
import org.bftee.core.client.Invocation;
import org.bftee.core.client.OperationKind;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.Request;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.sim.HostContext;
import org.bftee.core.sim.ProtocolNode;
import org.bftee.core.sim.Simulation;
import org.bftee.core.sim.check.RequestId;

/**
 * A correct client: the real {@link ClientCore} with a few lanes, as a node of the simulator. Each
 * invocation and result goes into the run's checkers with the virtual time: the key-value history
 * (linearizability), the liveness checker (keyed by the invocation's first timestamp, since a
 * read-only request that falls back completes under a new one), and the exactly-once checker
 * (ordered results only, under the timestamp that was ordered; and every request the core sends,
 * so that a request a Byzantine primary invents in this client's name is caught).
 *
 * <p>With {@link #runWorkload} each lane issues operations of a seeded {@link KvWorkload} one
 * after another, with a random pause after each result, until the workload's end.
 */
final class SimClient implements ProtocolNode {

    /** A result the client accepted, for scenario tests. */
    record Completed(int lane, KvOperation operation, OperationKind kind, Bytes result, long invokedAtMillis,
                     long respondedAtMillis, boolean fellBack) {
    }

    /** What a busy lane is waiting for. */
    private record Call(int historyId, RequestId invocation, KvOperation operation, OperationKind kind,
                        long invokedAtMillis) {
    }

    private final int self;
    private final Simulation sim;
    private final RunCheckers checkers;
    private final ClientCore core;
    private final KvWorkload workload;
    private final SplittableRandom pauses;
    private final Call[] calls;
    private final List<Completed> completed = new ArrayList<>();
    private long workloadEndMillis = -1;
    private long pauseMaxMillis;

    SimClient(HostContext context, Simulation sim, int f, int lanes, RunCheckers checkers) {
        this.self = context.self();
        this.sim = sim;
        this.checkers = checkers;
        this.calls = new Call[lanes];
        this.workload = new KvWorkload(self, sim.random("workload-" + self));
        this.pauses = sim.random("pauses-" + self);
        checkers.exactlyOnce.trackIssuesOf(self);
        ClientConfig config = new ClientConfig(self, f, lanes, SimSettings.LIMITS, SimSettings.TIMEOUTS);
        this.core = new ClientCore(config, context.codec(), context.digests().newDigester(),
                new Authenticators(context.keys()), context.clock(), new IssuingOutbox(context.outbox()),
                new Listener());
    }

    int id() {
        return self;
    }

    ClientCore core() {
        return core;
    }

    /** Every result this client accepted, in order. */
    List<Completed> completed() {
        return List.copyOf(completed);
    }

    boolean isIdle() {
        for (Call call : calls) {
            if (call != null) {
                return false;
            }
        }
        return true;
    }

    /** Every lane issues workload operations from about {@code startMillis} until {@code endMillis}. */
    void runWorkload(long startMillis, long endMillis, long pauseMaxMillis) {
        this.workloadEndMillis = endMillis;
        this.pauseMaxMillis = pauseMaxMillis;
        for (int lane = 0; lane < calls.length; lane++) {
            int index = lane;
            sim.on(self, startMillis + pauses.nextLong(pauseMaxMillis + 1), () -> nextStep(index));
        }
    }

    /** Sends {@code operation} on {@code lane}, which must be idle; called within an event of this host. */
    void invoke(int lane, KvOperation operation, OperationKind kind) {
        long now = sim.nowMillis();
        Bytes encoded = KvOperations.encode(operation);
        if (core.invoke(lane, encoded, kind) != Invocation.STARTED) {
            throw new IllegalStateException("client " + self + " could not send " + operation);
        }
        RequestId invocation = new RequestId(self, lane, core.outstandingTimestamp(lane).orElseThrow());
        int historyId = checkers.history.invoke(self, operation, now);
        checkers.invoked(invocation, now);
        calls[lane] = new Call(historyId, invocation, operation, kind, now);
    }

    @Override
    public void onMessage(int sender, Message message) {
        core.onMessage(sender, message);
    }

    @Override
    public void onTimer(ProtocolTimer timer) {
        core.onTimer(timer);
    }

    @Override
    public void checkInvariants() {
        core.checkInvariants();
        for (int lane = 0; lane < calls.length; lane++) {
            if ((calls[lane] != null) != core.isBusy(lane)) {
                throw new IllegalStateException("client " + self + " lane " + lane + " busy in the core: "
                        + core.isBusy(lane) + ", awaiting a result here: " + (calls[lane] != null));
            }
        }
    }

    private void nextStep(int lane) {
        if (sim.nowMillis() >= workloadEndMillis || calls[lane] != null) {
            return;
        }
        KvWorkload.Step step = workload.next();
        invoke(lane, step.operation(), step.kind());
    }

    private void onResult(int lane, long timestamp, Bytes result) {
        Call call = calls[lane];
        calls[lane] = null;
        long now = sim.nowMillis();
        boolean fellBack = timestamp != call.invocation().timestamp();
        checkers.history.respond(call.historyId(), result, now);
        checkers.completed(call.invocation(), now);
        if (call.kind() == OperationKind.READ_WRITE || fellBack) {
            checkers.orderedCompleted(new RequestId(self, lane, timestamp));
        }
        workload.observe(call.operation(), result);
        completed.add(new Completed(lane, call.operation(), call.kind(), result, call.invokedAtMillis(), now,
                fellBack));
        if (workloadEndMillis >= 0) {
            sim.on(self, now + pauses.nextLong(pauseMaxMillis + 1), () -> nextStep(lane));
        }
    }

    private final class Listener implements ClientListener {

        @Override
        public void onResult(int lane, long timestamp, Bytes result) {
            SimClient.this.onResult(lane, timestamp, result);
        }

        @Override
        public void onConflictingReplies(int lane, long timestamp, String evidence) {
            calls[lane] = null;
            checkers.clientFailed("client " + self + " lane " + lane + " t " + timestamp + ": " + evidence);
        }
    }

    /** The host's outbox, noting every request the core sends as issued by this client. */
    private final class IssuingOutbox implements Outbox {
        private final Outbox host;

        IssuingOutbox(Outbox host) {
            this.host = host;
        }

        @Override
        public void send(int receiver, Message message) {
            noteIssued(message);
            host.send(receiver, message);
        }

        @Override
        public void multicast(Message message) {
            noteIssued(message);
            host.multicast(message);
        }

        @Override
        public void setTimer(ProtocolTimer timer, long delayMillis) {
            host.setTimer(timer, delayMillis);
        }

        @Override
        public void cancelTimer(ProtocolTimer timer) {
            host.cancelTimer(timer);
        }

        private void noteIssued(Message message) {
            if (message instanceof Request request) {
                checkers.exactlyOnce.issued(new RequestId(request.client(), request.lane(), request.timestamp()));
            }
        }
    }
}
