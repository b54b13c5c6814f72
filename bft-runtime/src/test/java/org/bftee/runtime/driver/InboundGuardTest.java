package org.bftee.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import org.bftee.runtime.net.CloseableFrameConnection;
import org.junit.jupiter.api.Test;

/** The flood cut-off: per-connection budgets of refused frames, replicas and hosts cut off for a named period. */
class InboundGuardTest {

    private static final InetAddress REPLICA_HOST = InetAddress.getLoopbackAddress();
    private static final InetAddress ATTACKER_HOST = address(127, 0, 0, 2);

    private final InboundGuard guard = new InboundGuard(0, 4, Set.of(REPLICA_HOST), 10, Duration.ofMinutes(1), 3);

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Test
    void aReplicaOverItsBudgetOfStaleMessagesIsCutOffAndItsConnectionClosed() {
        Connection from = new Connection(REPLICA_HOST);
        for (int i = 0; i < 10; i++) {
            guard.rejected(from, 3);
        }
        assertFalse(guard.isCutOff(3), "within the budget");
        assertNull(from.closedFor);
        guard.rejected(from, 3);
        assertTrue(guard.isCutOff(3));
        assertFalse(guard.isCutOff(2), "only the flooder");
        assertTrue(from.closedFor.startsWith("flooding"));
        assertTrue(guard.admits(REPLICA_HOST), "a replica's host is never refused by address");
        assertEquals(1, guard.replicasCutOff());
    }

    @Test
    void aClientHostOverItsBudgetIsRefusedAtAccept() {
        Connection from = new Connection(ATTACKER_HOST);
        for (int i = 0; i <= 10; i++) {
            guard.rejected(from, -1);
        }
        assertFalse(guard.admits(ATTACKER_HOST));
        assertTrue(guard.admits(address(127, 0, 0, 3)));
        assertEquals(1, guard.hostsCutOff());
    }

    @Test
    void streamsThatLoseTheirFramingCountAgainstTheirHost() {
        for (int i = 0; i < 3; i++) {
            guard.framingLost(ATTACKER_HOST);
        }
        assertTrue(guard.admits(ATTACKER_HOST));
        guard.framingLost(ATTACKER_HOST);
        assertFalse(guard.admits(ATTACKER_HOST));
        guard.framingLost(REPLICA_HOST);
        guard.framingLost(REPLICA_HOST);
        guard.framingLost(REPLICA_HOST);
        guard.framingLost(REPLICA_HOST);
        assertTrue(guard.admits(REPLICA_HOST));
    }

    @Test
    void onlyMessagesStaleByThisReplicasOwnStateCountAgainstAReplica() {
        org.bftee.core.crypto.Digest digest = org.bftee.core.crypto.Digest.ZERO;
        var oldView = new org.bftee.core.message.Prepare(1, 300, digest, 3);
        var belowWindow = new org.bftee.core.message.Commit(2, 128, digest, 3);
        var current = new org.bftee.core.message.Commit(2, 300, digest, 3);
        var newerView = new org.bftee.core.message.Prepare(3, 300, digest, 3);
        var oldCheckpoint = new org.bftee.core.message.Checkpoint(256, digest, 3);
        assertTrue(InboundGuard.staleByOwnState(oldView, 2, true, 256));
        assertTrue(InboundGuard.staleByOwnState(belowWindow, 2, true, 256));
        assertTrue(InboundGuard.staleByOwnState(oldCheckpoint, 2, true, 256));
        assertFalse(InboundGuard.staleByOwnState(current, 2, true, 256));
        assertFalse(InboundGuard.staleByOwnState(newerView, 2, true, 256), "this replica is the one behind");
        assertFalse(InboundGuard.staleByOwnState(oldView, 2, false, 256), "this replica changes view: nothing counts");
    }

    private static final class Connection implements CloseableFrameConnection {
        private final InetAddress host;
        String closedFor;

        Connection(InetAddress host) {
            this.host = host;
        }

        @Override
        public void write(ByteBuffer frame) {
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean isActive() {
            return closedFor == null;
        }

        @Override
        public String remote() {
            return host + ":1";
        }

        @Override
        public InetAddress remoteHost() {
            return host;
        }

        @Override
        public void close(String reason) {
            closedFor = reason;
        }
    }
}
