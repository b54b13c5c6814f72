package org.bftee.core.sim;

/** Builds the node a host runs from what the host provides (outbox, clock, keys, randomness). */
@FunctionalInterface
public interface NodeFactory<T extends ProtocolNode> {

    T create(HostContext context);
}
