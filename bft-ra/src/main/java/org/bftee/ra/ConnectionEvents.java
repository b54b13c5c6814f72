package org.bftee.ra;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ManagedConnection;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The connection event listeners of one managed connection (the application server's connection
 * manager among them) and the delivery of each event to all of them. The list is copy-on-write
 * because handles are closed and results arrive on other threads than the one using the
 * connection; a failing listener does not keep the others from hearing the event.
 */
final class ConnectionEvents {

    private static final System.Logger LOG = System.getLogger(ConnectionEvents.class.getName());

    /** Which listener method an event goes to. */
    interface Delivery {
        void deliver(ConnectionEventListener listener, ConnectionEvent event);
    }

    private final ManagedConnection source;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();

    ConnectionEvents(ManagedConnection source) {
        this.source = source;
    }

    void add(ConnectionEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /** Sends event {@code eventId} about {@code handle} (which may be {@code null}). */
    void fire(int eventId, Object handle, Delivery delivery) {
        deliver(new ConnectionEvent(source, eventId), handle, delivery);
    }

    /** Sends {@code CONNECTION_ERROR_OCCURRED} with its cause, after which the container destroys the connection. */
    void fireError(Object handle, Exception cause) {
        deliver(new ConnectionEvent(source, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause), handle,
                ConnectionEventListener::connectionErrorOccurred);
    }

    private void deliver(ConnectionEvent event, Object handle, Delivery delivery) {
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            try {
                delivery.deliver(listener, event);
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "connection event listener {0} failed on event {1}", listener, event.getId());
                LOG.log(Level.DEBUG, "listener failure", failure);
            }
        }
    }
}
