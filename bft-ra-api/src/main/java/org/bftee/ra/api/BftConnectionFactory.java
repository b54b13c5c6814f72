package org.bftee.ra.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/**
 * Hands out connections to one replica group; the object an application finds in JNDI.
 *
 * <p>It extends {@link Referenceable} and {@link Serializable} because the Jakarta Connectors
 * specification requires both of a connection factory so that the application server can bind it in
 * JNDI. Java serialization is used for nothing else: messages to the replicas have their own format.
 *
 * <p>Instances are thread-safe and meant to be shared; the connections they return are not.
 */
public interface BftConnectionFactory extends Referenceable, Serializable {

    /**
     * Returns a connection handle. Handles are cheap: the physical sessions with the replica group
     * are pooled by the application server, and closing the handle gives its session back to the pool.
     *
     * @return a new open connection handle, to be closed by the caller (try-with-resources)
     * @throws ResourceException if the application server cannot provide a connection, for example
     *         when the pool is exhausted or the adapter is misconfigured
     */
    BftConnection getConnection() throws ResourceException;
}
