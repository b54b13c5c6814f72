package org.bftee.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import org.bftee.ra.api.BftLocalTransaction;

/**
 * Local transaction demarcation of one {@link BftManagedConnection}, in its two roles:
 * <ul>
 *   <li>for the application server ({@link LocalTransaction}, from
 *       {@link BftManagedConnection#getLocalTransaction()}; also how the container runs this
 *       adapter inside a container-managed JTA transaction): no connection events, since the
 *       container itself demarcates;</li>
 *   <li>for the application ({@link BftLocalTransaction}, from a handle): the listeners hear
 *       {@code LOCAL_TRANSACTION_STARTED}, {@code …_COMMITTED} and {@code …_ROLLEDBACK} with that
 *       handle, as the Connectors specification requires for application-level demarcation, so
 *       that the container knows the connection is in a transaction.</li>
 * </ul>
 * Both act on the same transaction state, which belongs to the managed connection.
 */
final class BftLocalTransactionImpl implements LocalTransaction, BftLocalTransaction {

    private final BftManagedConnection connection;
    /** The handle whose application demarcates, or {@code null} for the container. */
    private final BftConnectionImpl handle;

    BftLocalTransactionImpl(BftManagedConnection connection, BftConnectionImpl handle) {
        this.connection = connection;
        this.handle = handle;
    }

    @Override
    public void begin() throws ResourceException {
        connection.beginTransaction(handle);
    }

    @Override
    public void commit() throws ResourceException {
        connection.commitTransaction(handle);
    }

    @Override
    public void rollback() throws ResourceException {
        connection.rollbackTransaction(handle);
    }
}
