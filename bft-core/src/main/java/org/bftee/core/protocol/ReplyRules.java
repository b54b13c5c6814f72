package org.bftee.core.protocol;

import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Bytes;

/**
 * Rules about replies that the client and the replicas must compute identically.
 */
public final class ReplyRules {

    private ReplyRules() {
    }

    /**
     * The replica that sends the full result of request {@code (client, lane, timestamp)}; the
     * others send its digest (the digest-replies optimization). The choice rotates with the
     * timestamp so that the cost of full replies spreads over the group, and a faulty designated
     * replica costs the client one retransmission asking everyone for full results.
     */
    public static int designatedReplier(int client, int lane, long timestamp, int n) {
        long mixed = timestamp * 0x9E3779B97F4A7C15L + client * 0xC2B2AE3D27D4EB4FL + lane;
        mixed ^= mixed >>> 29;
        return (int) Math.floorMod(mixed, (long) n);
    }

    /**
     * The digest of a reply's result: what a {@code DIGEST_ONLY} reply carries, and what a client
     * compares a full result against. The digest of the result bytes alone, with the group's
     * digester, so that replicas and clients compute it the same way whoever sends the full result.
     */
    public static Digest resultDigest(Digester digester, Bytes result) {
        return digester.digest(result.asReadOnlyBuffer());
    }
}
