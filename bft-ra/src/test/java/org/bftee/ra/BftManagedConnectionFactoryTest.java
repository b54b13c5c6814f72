package org.bftee.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.util.Set;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftConnectionFactory;
import org.bftee.ra.api.BftGroupUnreachableException;
import org.junit.jupiter.api.Test;

class BftManagedConnectionFactoryTest {

    @Test
    void equalConfigurationsMakeEqualFactories() {
        BftManagedConnectionFactory first = TestFactories.configured();
        BftManagedConnectionFactory second = TestFactories.configured();

        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());

        second.setInvokeTimeoutMillis(5_000L);
        assertNotEquals(first, second);
        second.setInvokeTimeoutMillis(null);
        assertEquals(first, second);
    }

    @Test
    void propertiesDefaultAsRaXmlDeclares() {
        BftManagedConnectionFactory factory = new BftManagedConnectionFactory();

        assertNull(factory.getGroupFile());
        assertNull(factory.getClientKeyFile());
        assertEquals(30_000L, factory.getInvokeTimeoutMillis());
        assertEquals(Boolean.FALSE, factory.getReadOnlyDefault());
        assertEquals(8, factory.getSessionPoolSize());
    }

    @Test
    void validationNamesTheMissingProperty() {
        BftManagedConnectionFactory factory = new BftManagedConnectionFactory();
        assertMessageNames("groupFile", factory);

        factory.setGroupFile("group.conf");
        assertMessageNames("clientKeyFile", factory);

        factory.setClientKeyFile("  ");
        assertMessageNames("clientKeyFile", factory);
    }

    @Test
    void validationNamesThePropertyOutOfRange() {
        BftManagedConnectionFactory factory = TestFactories.configured();
        factory.setInvokeTimeoutMillis(0L);
        assertMessageNames("invokeTimeoutMillis", factory);

        factory.setInvokeTimeoutMillis(BftConnectionConfig.INVOKE_TIMEOUT_MILLIS_MAX + 1);
        assertMessageNames("invokeTimeoutMillis", factory);

        factory.setInvokeTimeoutMillis(1_000L);
        factory.setSessionPoolSize(0);
        assertMessageNames("sessionPoolSize", factory);

        factory.setSessionPoolSize(BftConnectionConfig.SESSION_POOL_SIZE_MAX + 1);
        assertMessageNames("sessionPoolSize", factory);
    }

    @Test
    void connectionFactoryHandsOutHandlesThroughTheConnectionManager() throws Exception {
        BftManagedConnectionFactory factory = TestFactories.configured();
        RecordingListener listener = new RecordingListener();
        ConnectionManager connectionManager = (managedConnectionFactory, requestInfo) ->
                open(managedConnectionFactory, requestInfo, listener);

        BftConnectionFactory connectionFactory =
                assertInstanceOf(BftConnectionFactory.class, factory.createConnectionFactory(connectionManager));
        try (BftConnection connection = connectionFactory.getConnection()) {
            assertInstanceOf(BftConnectionImpl.class, connection);
        }

        assertEquals(jakarta.resource.spi.ConnectionEvent.CONNECTION_CLOSED, listener.only().getId());
    }

    @Test
    void invocationsFailAsUnreachableUntilTheClientRuntimeExists() throws Exception {
        ManagedConnection managed = TestFactories.configured().createManagedConnection(null, null);
        BftConnection connection = (BftConnection) managed.getConnection(null, null);

        BftGroupUnreachableException unreachable =
                assertThrows(BftGroupUnreachableException.class, () -> connection.invoke(new byte[] {1}));
        assertTrue(unreachable.getMessage().startsWith("replica group unreachable"), unreachable.getMessage());
        assertThrows(BftGroupUnreachableException.class, () -> connection.invokeReadOnly(new byte[] {1}));
    }

    @Test
    void creatingFromAnInvalidConfigurationFails() {
        BftManagedConnectionFactory factory = new BftManagedConnectionFactory();

        assertThrows(InvalidPropertyException.class, () -> factory.createManagedConnection(null, null));
        assertThrows(InvalidPropertyException.class, () -> factory.createConnectionFactory((mcf, cri) -> null));
    }

    @Test
    void matchingPicksALiveConnectionOfAnEqualFactory() throws Exception {
        BftManagedConnectionFactory factory = TestFactories.configured();
        BftManagedConnectionFactory otherGroup = TestFactories.configured();
        otherGroup.setGroupFile("/etc/bft/other-group.conf");
        BftManagedConnection foreign = new BftManagedConnection(otherGroup, new FakeClientSession());
        BftManagedConnection destroyed = new BftManagedConnection(factory, new FakeClientSession());
        destroyed.destroy();
        BftManagedConnection usable = new BftManagedConnection(TestFactories.configured(), new FakeClientSession());

        assertNull(factory.matchManagedConnections(Set.of(foreign, destroyed), null, null));
        assertSame(usable, factory.matchManagedConnections(Set.of(foreign, destroyed, usable), null, null));
    }

    @Test
    void theAdapterIsManagedOnlyAndDeclaresNoTransaction() {
        BftManagedConnectionFactory factory = TestFactories.configured();

        assertThrows(NotSupportedException.class, factory::createConnectionFactory);
        assertEquals(TransactionSupportLevel.NoTransaction, factory.getTransactionSupport());
    }

    @Test
    void theResourceAdapterAssociationCannotChange() throws Exception {
        BftManagedConnectionFactory factory = TestFactories.configured();
        BftResourceAdapter adapter = new BftResourceAdapter();
        factory.setResourceAdapter(adapter);
        factory.setResourceAdapter(new BftResourceAdapter());

        assertSame(adapter, factory.getResourceAdapter());
        assertThrows(jakarta.resource.spi.IllegalStateException.class, () -> factory.setResourceAdapter(null));
    }

    private static void assertMessageNames(String property, BftManagedConnectionFactory factory) {
        InvalidPropertyException invalid =
                assertThrows(InvalidPropertyException.class, () -> factory.createManagedConnection(null, null));
        assertTrue(invalid.getMessage().startsWith(property + " "), invalid.getMessage());
    }

    /** What an application server's connection manager does, minus the pooling. */
    private static Object open(ManagedConnectionFactory factory, ConnectionRequestInfo requestInfo,
            RecordingListener listener) throws jakarta.resource.ResourceException {
        ManagedConnection managed = factory.createManagedConnection(null, requestInfo);
        managed.addConnectionEventListener(listener);
        return managed.getConnection(null, requestInfo);
    }
}
