package org.bftee.core.sim;

import org.bftee.core.auth.Principals;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.RandomSource;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.protocol.Outbox;
import org.bftee.core.protocol.TimeSource;

/**
 * What a host gives the node it runs: the same things the runtime will give the replica and the
 * client core.
 *
 * @param self       the node's principal id
 * @param principals the group: {@code n}, the quorums, the client ids
 * @param outbox     its effects: sealed and sent on the simulated network, timers on virtual time
 * @param clock      virtual time plus this host's clock skew, in milliseconds since the epoch
 * @param random     the host's own stream of the run's seed
 * @param keys       the host's session keys (already installed, see {@link Simulation}); the
 *                   client core builds its request authenticators with them
 * @param codec      the group's codec, for request and batch digest inputs
 * @param digests    the group's digest algorithm
 */
public record HostContext(int self, Principals principals, Outbox outbox, TimeSource clock, RandomSource random,
                          SessionKeys keys, MessageCodec codec, DigestAlgorithm digests) {
}
