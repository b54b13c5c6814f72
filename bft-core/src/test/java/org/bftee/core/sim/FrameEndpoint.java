package org.bftee.core.sim;

/** Where {@link SimNetwork} delivers the frames addressed to one principal. */
@FunctionalInterface
public interface FrameEndpoint {

    /**
     * @param linkSender the principal whose link carried the frame; the frame's header may claim
     *                   another (an injected forgery), and only the opener decides whom to believe
     * @param frame      never modify it: the network may deliver the same array twice
     * @return whether the endpoint took the frame; {@code false} when it is down (crashed)
     */
    boolean deliver(int linkSender, byte[] frame);
}
