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
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.nio.file.Path;
import java.util.Set;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftConnectionFactory;
import org.bftee.ra.api.BftGroupUnreachableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BftManagedConnectionFactoryTest {

    @TempDir
    Path directory;

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
        assertNull(factory.getClientId());
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

        factory.setClientKeyFile("client-1007.key");
        assertMessageNames("clientId", factory);
    }

    @Test
    void validationNamesThePropertyOutOfRange() {
        BftManagedConnectionFactory factory = TestFactories.configured();
        factory.setClientId(999);
        assertMessageNames("clientId", factory);

        factory.setClientId(1000);
        factory.setInvokeTimeoutMillis(0L);
        assertMessageNames("invokeTimeoutMillis", factory);

        factory.setInvokeTimeoutMillis(BftConnectionConfig.INVOKE_TIMEOUT_MAX.toMillis() + 1);
        assertMessageNames("invokeTimeoutMillis", factory);

        factory.setInvokeTimeoutMillis(1_000L);
        factory.setSessionPoolSize(0);
        assertMessageNames("sessionPoolSize", factory);

        factory.setSessionPoolSize(BftConnectionConfig.SESSION_POOL_SIZE_MAX + 1);
        assertMessageNames("sessionPoolSize", factory);
    }

    @Test
    void connectionFactoryHandsOutHandlesThroughTheConnectionManager() throws Exception {
        BftManagedConnectionFactory factory = GroupFixture.withoutReplicas(directory, 1000, ProtocolLimits.defaults())
                .factory();
        RecordingListener listener = new RecordingListener();
        BftManagedConnection managed = new BftManagedConnection(factory, new FakeClientSession());
        managed.addConnectionEventListener(listener);
        ConnectionManager connectionManager = (managedConnectionFactory, requestInfo) ->
                managed.getConnection(null, requestInfo);

        BftConnectionFactory connectionFactory =
                assertInstanceOf(BftConnectionFactory.class, factory.createConnectionFactory(connectionManager));
        try (BftConnection connection = connectionFactory.getConnection()) {
            assertInstanceOf(BftConnectionImpl.class, connection);
        }

        assertEquals(jakarta.resource.spi.ConnectionEvent.CONNECTION_CLOSED, listener.only().getId());
    }

    @Test
    void theConnectionFactoryIsNotCreatedFromFilesThatCannotBeRead() {
        BftManagedConnectionFactory factory = TestFactories.configured();

        InvalidPropertyException invalid = assertThrows(InvalidPropertyException.class,
                () -> factory.createConnectionFactory((mcf, cri) -> null));

        assertEquals("groupFile: /etc/bft/group.conf: file does not exist", invalid.getMessage());
    }

    @Test
    void managedConnectionsNeedTheResourceAdapter() {
        BftManagedConnectionFactory factory = TestFactories.configured();

        jakarta.resource.spi.IllegalStateException refused = assertThrows(
                jakarta.resource.spi.IllegalStateException.class, () -> factory.createManagedConnection(null, null));
        assertTrue(refused.getMessage().contains("not associated with the BFT resource adapter"), refused.getMessage());
    }

    @Test
    void aGroupThatDoesNotAnswerIsUnreachable() throws Exception {
        BftManagedConnectionFactory factory = GroupFixture.withoutReplicas(directory, 1000, ProtocolLimits.defaults())
                .factory();
        BftResourceAdapter adapter = new BftResourceAdapter();
        adapter.start(null);
        try {
            factory.setResourceAdapter(adapter);

            BftGroupUnreachableException unreachable = assertThrows(BftGroupUnreachableException.class,
                    () -> factory.createManagedConnection(null, null));

            assertTrue(unreachable.getMessage().startsWith("cannot open a session with the replica group of "
                    + directory.resolve("group.conf")), unreachable.getMessage());
            assertEquals(0, adapter.clients().openSessions());
        } finally {
            adapter.stop();
        }
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
    void theAdapterIsManagedOnlyAndDeclaresLocalTransactions() {
        BftManagedConnectionFactory factory = TestFactories.configured();

        assertThrows(NotSupportedException.class, factory::createConnectionFactory);
        assertEquals(TransactionSupportLevel.LocalTransaction, factory.getTransactionSupport());
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
}
