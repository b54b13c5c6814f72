package org.bftee.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.IllegalStateException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceResult;
import org.bftee.ra.api.BftException;
import org.bftee.ra.api.BftOperationRejectedException;
import org.bftee.ra.api.BftOperationTooLargeException;
import org.bftee.ra.api.BftTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BftManagedConnectionTest {

    private final FakeClientSession session = new FakeClientSession();
    private final RecordingListener listener = new RecordingListener();
    private BftManagedConnection connection;

    @BeforeEach
    void createConnection() {
        connection = new BftManagedConnection(TestFactories.configured(), session);
        connection.addConnectionEventListener(listener);
    }

    @Test
    void getConnectionTracksTheNewHandle() throws Exception {
        BftConnectionImpl first = connection.getConnection(null, null);
        BftConnectionImpl second = connection.getConnection(null, null);

        assertEquals(2, connection.handleCount());
        assertTrue(first.isOpen());
        assertTrue(second.isOpen());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void closingAHandleFiresConnectionClosedWithThatHandle() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);

        handle.close();

        ConnectionEvent event = listener.only();
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, event.getId());
        assertSame(handle, event.getConnectionHandle());
        assertSame(connection, event.getSource());
        assertEquals(0, connection.handleCount());
        assertFalse(handle.isOpen());
    }

    @Test
    void closingAHandleTwiceFiresOneEvent() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);

        handle.close();
        handle.close();

        assertEquals(1, listener.events.size());
    }

    @Test
    void aClosedHandleRefusesInvocations() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        handle.close();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> handle.invoke(new byte[] {1}));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
    }

    @Test
    void invokeForwardsToTheSessionWithTheReadOnlyDefault() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);

        // The fake answers OK with the operation as payload; the handle returns the payload.
        assertArrayEquals(new byte[] {4, 2}, handle.invoke(new byte[] {4, 2}));
        assertEquals(Boolean.FALSE, session.lastReadOnly);

        handle.invokeReadOnly(new byte[] {1});
        assertEquals(Boolean.TRUE, session.lastReadOnly);
    }

    @Test
    void readOnlyDefaultAppliesToInvoke() throws Exception {
        BftManagedConnectionFactory factory = TestFactories.configured();
        factory.setReadOnlyDefault(true);
        BftConnectionImpl handle = new BftManagedConnection(factory, session).getConnection(null, null);

        handle.invoke(new byte[] {1});

        assertEquals(Boolean.TRUE, session.lastReadOnly);
    }

    @Test
    void associateConnectionMovesTheHandle() throws Exception {
        BftManagedConnection other = new BftManagedConnection(TestFactories.configured(), new FakeClientSession());
        RecordingListener otherListener = new RecordingListener();
        other.addConnectionEventListener(otherListener);
        BftConnectionImpl handle = connection.getConnection(null, null);

        other.associateConnection(handle);
        handle.close();

        assertEquals(0, connection.handleCount());
        assertEquals(0, other.handleCount());
        assertTrue(listener.events.isEmpty());
        assertSame(other, otherListener.only().getSource());
    }

    @Test
    void cleanupOfTheOldConnectionLeavesAMovedHandleAlone() throws Exception {
        BftManagedConnection other = new BftManagedConnection(TestFactories.configured(), new FakeClientSession());
        BftConnectionImpl handle = connection.getConnection(null, null);
        other.associateConnection(handle);

        connection.cleanup();

        assertTrue(handle.isOpen());
    }

    @Test
    void aClosedHandleCannotBeAssociatedAgain() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        handle.close();

        assertThrows(IllegalStateException.class, () -> connection.associateConnection(handle));
        assertFalse(handle.isOpen());
        assertEquals(0, connection.handleCount());
    }

    @Test
    void associateConnectionRefusesForeignHandles() {
        assertThrows(jakarta.resource.ResourceException.class, () -> connection.associateConnection(new Object()));
    }

    @Test
    void cleanupInvalidatesHandlesWithoutEvents() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);

        connection.cleanup();
        handle.close();

        assertFalse(handle.isOpen());
        assertEquals(0, connection.handleCount());
        assertTrue(listener.events.isEmpty());
        assertThrows(IllegalStateException.class, () -> handle.invokeReadOnly(new byte[] {1}));
        // A cleaned-up managed connection goes back to the pool and serves new handles.
        assertTrue(connection.getConnection(null, null).isOpen());
    }

    @Test
    void destroyIsIdempotent() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);

        connection.destroy();
        connection.destroy();

        assertEquals(1, session.closeCount);
        assertFalse(handle.isOpen());
        assertTrue(connection.isDestroyed());
        assertThrows(IllegalStateException.class, () -> connection.getConnection(null, null));
    }

    @Test
    void aBrokenSessionFiresConnectionErrorOccurred() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        session.outcome = (operation, readOnly) -> {
            throw new java.lang.IllegalStateException("socket closed");
        };

        BftException thrown = assertThrows(BftException.class, () -> handle.invoke(new byte[] {1}));

        ConnectionEvent event = listener.only();
        assertEquals(ConnectionEvent.CONNECTION_ERROR_OCCURRED, event.getId());
        assertSame(thrown, event.getException());
        assertSame(handle, event.getConnectionHandle());
        assertEquals("socket closed", thrown.getCause().getMessage());
    }

    @Test
    void aDocumentedFailureReachesTheCallerWithoutAConnectionError() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        BftTimeoutException timeout = new BftTimeoutException("no agreed result within 30000 ms", 30_000);
        session.outcome = (operation, readOnly) -> {
            throw timeout;
        };

        assertSame(timeout, assertThrows(BftTimeoutException.class, () -> handle.invoke(new byte[] {1})));
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void removedListenersHearNothing() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        connection.removeConnectionEventListener(listener);

        handle.close();

        assertTrue(listener.events.isEmpty());
    }

    @Test
    void aFailingListenerDoesNotSilenceTheOthers() throws Exception {
        BftManagedConnection fresh = new BftManagedConnection(TestFactories.configured(), session);
        fresh.addConnectionEventListener(new RecordingListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                throw new RuntimeException("listener bug");
            }
        });
        fresh.addConnectionEventListener(listener);

        fresh.getConnection(null, null).close();

        assertEquals(ConnectionEvent.CONNECTION_CLOSED, listener.only().getId());
    }

    @Test
    void onlyLocalTransactionsAreSupported() throws Exception {
        assertThrows(NotSupportedException.class, connection::getXAResource);
        assertSame(connection.getLocalTransaction(), connection.getLocalTransaction());
    }

    @Test
    void anOperationAboveTheGroupsRequestLimitIsRefusedBeforeItIsSent() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        session.requestBytesMax = 8;

        BftOperationTooLargeException refused =
                assertThrows(BftOperationTooLargeException.class, () -> handle.invoke(new byte[9]));

        assertEquals(9, refused.sizeBytes());
        assertEquals(8, refused.limitBytes());
        assertTrue(refused.getMessage().contains("request limit of 8 bytes"), refused.getMessage());
        assertTrue(session.sent.isEmpty());
        assertArrayEquals(new byte[8], handle.invoke(new byte[8]));
    }

    @Test
    void aRejectedOperationCarriesTheServicesResultCode() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        session.outcome = (operation, readOnly) -> ServiceResult.encode(ResultCode.CONFLICT).toByteArray();

        BftOperationRejectedException rejected =
                assertThrows(BftOperationRejectedException.class, () -> handle.invoke(new byte[] {1}));

        assertEquals(ResultCode.CONFLICT.code(), rejected.resultCode());
        assertEquals("CONFLICT", rejected.resultName());
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void anAnswerWithoutAResultCodeIsReportedAsSuch() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        session.outcome = (operation, readOnly) -> new byte[0];

        BftException broken = assertThrows(BftException.class, () -> handle.invoke(new byte[] {1}));

        assertTrue(broken.getMessage().contains("known result code"), broken.getMessage());
    }

    @Test
    void asyncInvocationsCompleteWithTheDocumentedExceptionItself() throws Exception {
        BftConnectionImpl handle = connection.getConnection(null, null);
        BftTimeoutException timeout = new BftTimeoutException("no agreed result within 30000 ms", 30_000);
        session.outcome = (operation, readOnly) -> {
            throw timeout;
        };

        CompletableFuture<byte[]> stage = handle.invokeAsync(new byte[] {1});

        assertSame(timeout, assertThrows(ExecutionException.class, stage::get).getCause());
    }

    @Test
    void metaDataNamesTheGroupAndThePrincipal() throws Exception {
        assertEquals(BftManagedConnectionMetaData.EIS_PRODUCT_NAME, connection.getMetaData().getEISProductName());
        assertEquals("client-" + TestFactories.CLIENT_ID, connection.getMetaData().getUserName());
        assertEquals(BftConnectionConfig.SESSION_POOL_SIZE_DEFAULT, connection.getMetaData().getMaxConnections());
    }
}
