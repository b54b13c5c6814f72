package org.bftee.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.SessionKeys;
import org.junit.jupiter.api.Test;

/** The client's configuration is checked when it is built, and against the codec when the core is. */
class ClientConfigTest {

    private static final ProtocolLimits LIMITS = ProtocolLimits.defaults();
    private static final ProtocolTimeouts TIMEOUTS = ProtocolTimeouts.defaults();

    @Test
    void aClientIdMustNotBeAReplicaId() {
        assertThrows(IllegalArgumentException.class, () -> new ClientConfig(3, 1, 1, LIMITS, TIMEOUTS));
        assertEquals(4, new ClientConfig(4, 1, 1, LIMITS, TIMEOUTS).client());
        assertThrows(IllegalArgumentException.class, () -> new ClientConfig(6, 2, 1, LIMITS, TIMEOUTS));
    }

    @Test
    void theNumberOfLanesIsBoundedByLanesPerClientMax() {
        assertThrows(IllegalArgumentException.class, () -> new ClientConfig(1000, 1, 0, LIMITS, TIMEOUTS));
        new ClientConfig(1000, 1, LIMITS.lanesPerClientMax(), LIMITS, TIMEOUTS);
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new ClientConfig(1000, 1, LIMITS.lanesPerClientMax() + 1, LIMITS, TIMEOUTS));
        assertTrue(thrown.getMessage().contains("lanes-per-client-max"), thrown.getMessage());
    }

    @Test
    void fMustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> new ClientConfig(1000, -1, 1, LIMITS, TIMEOUTS));
    }

    @Test
    void aGroupOfOneReplicaIsAllowed() {
        assertThrows(IllegalArgumentException.class, () -> new ClientConfig(0, 0, 1, LIMITS, TIMEOUTS));
        assertEquals(1, new ClientConfig(1, 0, 1, LIMITS, TIMEOUTS).quorums().n());
    }

    @Test
    void theCodecMustCarryEveryOperationTheLimitsAllow() {
        ClientConfig config = new ClientConfig(1000, 1, 1, LIMITS, TIMEOUTS);
        MessageCodec narrow = new MessageCodec(1, WireLimits.builder().operationBytesMax(1024).build());
        Authenticators authenticators = new Authenticators(new SessionKeys(1000, MacSettings.DEFAULT, 4));
        assertThrows(IllegalArgumentException.class, () -> new ClientCore(config, narrow,
                DigestAlgorithm.SHA_256.newDigester(), authenticators, () -> 0, new RecordingOutbox(new ManualClock(0)),
                new RecordingListener()));
    }

    @Test
    void theCodecMustCarryAnAuthenticatorForEveryReplica() {
        ClientConfig config = new ClientConfig(1000, 2, 1, LIMITS, TIMEOUTS);
        MessageCodec fourReplicas = new MessageCodec(1, WireLimits.builder().replicasMax(4).viewChangeRefsMax(4).build());
        Authenticators authenticators = new Authenticators(new SessionKeys(1000, MacSettings.DEFAULT, 8));
        assertThrows(IllegalArgumentException.class, () -> new ClientCore(config, fourReplicas,
                DigestAlgorithm.SHA_256.newDigester(), authenticators, () -> 0, new RecordingOutbox(new ManualClock(0)),
                new RecordingListener()));
    }

    @Test
    void theSessionKeysMustBeTheClientsOwn() {
        ClientConfig config = new ClientConfig(1000, 1, 1, LIMITS, TIMEOUTS);
        Authenticators someoneElses = new Authenticators(new SessionKeys(1001, MacSettings.DEFAULT, 4));
        assertThrows(IllegalArgumentException.class, () -> new ClientCore(config,
                new MessageCodec(1, WireLimits.defaults()), DigestAlgorithm.SHA_256.newDigester(), someoneElses,
                () -> 0, new RecordingOutbox(new ManualClock(0)), new RecordingListener()));
    }
}
