package org.bftee.core.sim;

import java.util.SplittableRandom;

/** What a {@link FrameFault} may do with a frame on its link. Whatever it does not deliver is dropped. */
public interface LinkActions {

    /** Sends {@code frame} on through the link's normal delay and duplication. */
    void deliver(byte[] frame);

    /** Delivers {@code frame} {@code delayMillis} from now, bypassing the network conditions: a replay. */
    void deliverAfter(long delayMillis, byte[] frame);

    /** The network's fault stream, drawn from the run's seed. */
    SplittableRandom random();

    long nowMillis();
}
