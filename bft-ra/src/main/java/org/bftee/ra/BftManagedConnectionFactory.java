package org.bftee.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * A connection definition of the adapter: the JavaBean that the {@code resource-adapters} subsystem
 * configures, and the factory of connection factories and managed connections.
 *
 * <p>Its config properties (declared with types and defaults in {@code META-INF/ra.xml}) are kept in
 * a {@link BftConnectionConfig}, validated before anything is created, and {@code equals} and
 * {@code hashCode} are those of that configuration, as the specification requires for connection
 * matching.
 */
public class BftManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(BftManagedConnectionFactory.class.getName());

    private BftConnectionConfig config = BftConnectionConfig.defaults();
    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    /**
     * Validates the properties and reads the files now, so that a misconfigured connection factory
     * fails deployment with a message that names the property and file, not the first invocation.
     */
    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        BftConnectionConfig validated = config.validate();
        GroupFiles.load(validated);
        LOG.log(Level.INFO, "BFT connection factory created: {0}", validated);
        return new BftConnectionFactoryImpl(this, connectionManager);
    }

    /**
     * The adapter runs only inside an application server, whose connection manager pools the
     * physical sessions.
     */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("the BFT resource adapter needs the connection manager of an"
                + " application server; it cannot be used in a non-managed environment");
    }

    /**
     * Creates a managed connection on the client session that the resource adapter shares among the
     * managed connections of equal factories (opening it, and so reading the files and reaching
     * the group, if it is the first).
     *
     * @throws ResourceException if the configuration or files are invalid, the group cannot be
     *         reached, or no started {@link BftResourceAdapter} is associated with this factory
     */
    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo requestInfo)
            throws ResourceException {
        BftConnectionConfig validated = config.validate();
        if (!(resourceAdapter instanceof BftResourceAdapter adapter)) {
            throw new IllegalStateException("this BFT connection factory is not associated with the BFT resource"
                    + " adapter, which owns the client sessions; deploy it as part of bft-ra.rar");
        }
        SharedClients.Lease lease = adapter.clients().acquire(validated);
        return new BftManagedConnection(this, new GroupClientSession(lease, validated.invokeTimeout()));
    }

    /**
     * All managed connections of equal factories are interchangeable: the session belongs to the
     * factory's client principal, and neither the subject nor request info changes it.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject,
            ConnectionRequestInfo requestInfo) {
        for (Object candidate : candidates) {
            if (candidate instanceof BftManagedConnection connection && connection.isUsableFor(this)) {
                return connection;
            }
        }
        return null;
    }

    /** Local transactions: operations collected and sent at commit as one atomic request. */
    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.LocalTransaction;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (adapter == null) {
            throw new IllegalStateException("the resource adapter of a BFT connection factory cannot be null");
        }
        if (resourceAdapter != null && !resourceAdapter.equals(adapter)) {
            throw new IllegalStateException("this BFT connection factory is already associated with a"
                    + " resource adapter");
        }
        if (resourceAdapter == null) {
            resourceAdapter = adapter;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter writer) {
        logWriter = writer;
    }

    /**
     * @return the configuration as set so far, not necessarily valid
     */
    public BftConnectionConfig config() {
        return config;
    }

    // The config properties of META-INF/ra.xml. The types are the boxed ones that ra.xml declares.

    public String getGroupFile() {
        return config.groupFile();
    }

    public void setGroupFile(String groupFile) {
        config = config.withGroupFile(groupFile);
    }

    public String getClientKeyFile() {
        return config.clientKeyFile();
    }

    public void setClientKeyFile(String clientKeyFile) {
        config = config.withClientKeyFile(clientKeyFile);
    }

    public Integer getClientId() {
        return config.clientId() == BftConnectionConfig.CLIENT_ID_UNSET ? null : config.clientId();
    }

    public void setClientId(Integer clientId) {
        config = config.withClientId(clientId == null ? BftConnectionConfig.CLIENT_ID_UNSET : clientId);
    }

    public Long getInvokeTimeoutMillis() {
        return config.invokeTimeout().toMillis();
    }

    public void setInvokeTimeoutMillis(Long invokeTimeoutMillis) {
        config = config.withInvokeTimeout(invokeTimeoutMillis == null
                ? BftConnectionConfig.INVOKE_TIMEOUT_DEFAULT : Duration.ofMillis(invokeTimeoutMillis));
    }

    public Boolean getReadOnlyDefault() {
        return config.readOnlyDefault();
    }

    public void setReadOnlyDefault(Boolean readOnlyDefault) {
        config = config.withReadOnlyDefault(readOnlyDefault == null
                ? BftConnectionConfig.READ_ONLY_DEFAULT_DEFAULT : readOnlyDefault);
    }

    public Integer getSessionPoolSize() {
        return config.sessionPoolSize();
    }

    public void setSessionPoolSize(Integer sessionPoolSize) {
        config = config.withSessionPoolSize(sessionPoolSize == null
                ? BftConnectionConfig.SESSION_POOL_SIZE_DEFAULT : sessionPoolSize);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BftManagedConnectionFactory factory
                && factory.getClass() == getClass()
                && factory.config.equals(config);
    }

    @Override
    public int hashCode() {
        return config.hashCode();
    }

    @Override
    public String toString() {
        return "BftManagedConnectionFactory" + config;
    }
}
