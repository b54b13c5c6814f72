package org.bftee.core.sim;

import java.nio.ByteBuffer;
import java.util.Map;
import org.bftee.core.auth.FrameSealer;
import org.bftee.core.message.Message;

/**
 * The session keys an attacker copied from {@code victim}'s process ({@link Simulation#stealKeys}):
 * with them it seals frames as the victim to any peer, and as any peer to the victim. Each key
 * stays good until the principal that chose it refreshes: the victim's in-keys at the victim's next
 * refresh, its out-keys at each peer's.
 *
 * @param victim      whose keys these are
 * @param victimEpoch the victim's key counter when they were copied
 * @param peerEpochs  each peer's key counter then
 */
public record StolenKeys(int victim, long victimEpoch, Map<Integer, Long> peerEpochs,
                         FrameSealer asVictim, Map<Integer, FrameSealer> asPeers) {

    /** {@code message} as the victim would send it to {@code receiver}. */
    public byte[] sealFromVictim(int receiver, Message message) {
        return bytes(asVictim.seal(receiver, message));
    }

    /** {@code message} as {@code peer} would send it to the victim. */
    public byte[] sealToVictim(int peer, Message message) {
        return bytes(asPeers.get(peer).seal(victim, message));
    }

    /** Whether the key a frame from {@code sender} to {@code receiver} was sealed under has been replaced since the theft. */
    public boolean replaced(Simulation sim, int sender, int receiver) {
        if (receiver == victim) {
            return sim.keyEpoch(victim) > victimEpoch;
        }
        if (sender != victim) {
            throw new IllegalArgumentException("stolen keys seal only frames from or to " + victim);
        }
        return sim.keyEpoch(receiver) > peerEpochs.get(receiver);
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return bytes;
    }
}
