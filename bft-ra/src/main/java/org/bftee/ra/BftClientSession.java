package org.bftee.ra;

import org.bftee.ra.api.BftException;

/**
 * One physical session with the replica group, owned by one {@link BftManagedConnection}.
 *
 * <p>A session reports the documented outcomes of an invocation (timeout, unreachable group,
 * conflicting replies, rejected operation) as {@link BftException} subclasses, after which it is still
 * usable. Any unchecked exception means the session itself is broken: the managed connection then
 * signals a connection error so that the application server discards it.
 */
interface BftClientSession {

    /**
     * @param operation the service operation
     * @param readOnly whether to use the read-only optimisation
     * @return the result agreed by the group
     * @throws BftException for every documented failure of the invocation
     */
    byte[] invoke(byte[] operation, boolean readOnly) throws BftException;

    /** Releases the session's resources; calling it again does nothing. */
    void close();
}
