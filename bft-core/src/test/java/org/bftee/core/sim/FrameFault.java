package org.bftee.core.sim;

/**
 * A Byzantine hook on one link's sealed frames ({@link SimNetwork#fault}): it decides what the
 * link carries instead of each frame. It may deliver the frame, deliver other bytes, deliver
 * later (a replay), deliver several frames, or nothing (a drop). Common faults are in
 * {@link FrameFaults}. Runs after loss and partitions, before delays and duplication.
 */
@FunctionalInterface
public interface FrameFault {

    /**
     * @param frame shared with other receivers of a multicast and with the sender: never modify it, copy it
     */
    void apply(Link link, byte[] frame, LinkActions actions);
}
