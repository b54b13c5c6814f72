package org.bftee.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ResourceException;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftConnectionFactory;

/**
 * The smallest use of the resource adapter: get a connection from the factory bound at
 * {@code java:/eis/bft}, use it, close it.
 *
 * <p>{@link ResourceException} is a checked exception, so the container hands it to the caller
 * unchanged (an application exception): callers see the documented {@code Bft*Exception} subclasses.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BftPingBean {

    @Resource(lookup = "java:/eis/bft")
    private BftConnectionFactory connectionFactory;

    /**
     * Opens a connection and closes it again, without talking to the replicas: proves the adapter is
     * deployed and configured.
     *
     * @throws ResourceException if no connection can be obtained
     */
    public void openAndClose() throws ResourceException {
        BftConnection connection = connectionFactory.getConnection();
        // Closing the handle returns its managed connection to the application server's pool.
        connection.close();
    }

    /**
     * Submits one operation to the replica group.
     *
     * @param operation the service operation, encoded as the service defines
     * @return the agreed result
     * @throws ResourceException one of the documented {@code org.bftee.ra.api} exceptions
     */
    public byte[] invoke(byte[] operation) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.invoke(operation);
        }
    }
}
