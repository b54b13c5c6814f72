package org.bftee.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.util.Objects;
import javax.naming.Reference;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftConnectionFactory;

/**
 * The connection factory bound in JNDI. Every connection comes from the application server's
 * connection manager, which pools the managed connections.
 */
public class BftConnectionFactoryImpl implements BftConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final BftManagedConnectionFactory managedConnectionFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    BftConnectionFactoryImpl(BftManagedConnectionFactory managedConnectionFactory,
            ConnectionManager connectionManager) {
        this.managedConnectionFactory = Objects.requireNonNull(managedConnectionFactory, "managedConnectionFactory");
        this.connectionManager = Objects.requireNonNull(connectionManager, "connectionManager");
    }

    @Override
    public BftConnection getConnection() throws ResourceException {
        return (BftConnection) connectionManager.allocateConnection(managedConnectionFactory, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
