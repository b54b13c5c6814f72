package org.bftee.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Reply;
import org.bftee.core.sim.check.ExactlyOnceChecker;
import org.bftee.core.sim.check.LivenessChecker;
import org.bftee.core.sim.check.RequestId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Clients and replicas over the simulated network, checked by the liveness and exactly-once
 * checkers: requests (no trailer, authenticator inside), replies (single MAC), a lying replica.
 */
class EchoSimulationTest {

    private static final int N = 4;
    private static final int[] CLIENTS = {1000, 1001};
    private static final long FAULTS_STOP_MILLIS = 1_000;
    private static final long BOUND_MILLIS = 2 * EchoClient.RETRANSMIT_MILLIS + 10;

    @Test
    void everyOperationCompletesOnceFaultsStopAndExecutesOncePerReplica(TestInfo info) {
        SeedRunner.run(info, 200, seed -> {
            Simulation sim = Simulation.builder(seed).clients(1000, 1001)
                    .conditions(new NetworkConditions(0.3, 0.2, 1, 40)).build();
            SplittableRandom scenario = sim.random("scenario");
            ExactlyOnceChecker exactlyOnce = new ExactlyOnceChecker(java.util.Set.of(3));
            LivenessChecker liveness = new LivenessChecker(BOUND_MILLIS);
            for (int replica = 0; replica < N; replica++) {
                sim.start(replica, context -> new EchoReplica(context, exactlyOnce));
            }
            sim.host(3).intercept((receiver, message) -> message instanceof Reply reply
                    ? new Reply(reply.view(), reply.client(), reply.lane(), reply.timestamp(), 3, 0, Bytes.of(new byte[] {6}))
                    : message);
            for (int client : CLIENTS) {
                EchoClient echo = sim.start(client, context -> new EchoClient(context, (id, result) -> {
                    exactlyOnce.completed(id);
                    liveness.completed(id, sim.nowMillis());
                }));
                for (int timestamp = 1; timestamp <= 3; timestamp++) {
                    long at = scenario.nextLong(FAULTS_STOP_MILLIS + 300);
                    RequestId id = new RequestId(client, timestamp, timestamp);
                    Bytes operation = Bytes.of(new byte[] {(byte) client, (byte) timestamp});
                    sim.on(client, at, () -> {
                        liveness.invoked(id, sim.nowMillis());
                        echo.invoke(id.lane(), id.timestamp(), operation);
                    });
                }
            }
            sim.at(FAULTS_STOP_MILLIS, () -> {
                sim.network().conditions(NetworkConditions.perfect());
                liveness.faultsStopped(sim.nowMillis());
            });
            sim.runUntil(FAULTS_STOP_MILLIS + 300 + BOUND_MILLIS + 50);

            liveness.verify(sim.nowMillis());
            exactlyOnce.verify();
            assertEquals(0, sim.network().counters().rejected().total());
        });
    }
}
