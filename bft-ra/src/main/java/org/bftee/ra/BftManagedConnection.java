package org.bftee.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.bftee.ra.api.BftException;

/**
 * One pooled physical session with the replica group, and the application's handles on it.
 *
 * <p>The handle life cycle follows the Connectors specification:
 * <ol>
 *   <li>{@link #getConnection} creates a {@link BftConnectionImpl} and tracks it;</li>
 *   <li>closing a handle stops tracking it and sends {@code CONNECTION_CLOSED} to the listeners, so
 *       that the application server returns this managed connection to its pool;</li>
 *   <li>{@link #associateConnection} moves a handle from another managed connection to this one;</li>
 *   <li>{@link #cleanup} invalidates the remaining handles before the connection is pooled again;</li>
 *   <li>{@link #destroy} invalidates them too and closes the session, once however often it is
 *       called;</li>
 *   <li>a broken session is reported with {@code CONNECTION_ERROR_OCCURRED}, after which the
 *       application server destroys this managed connection.</li>
 * </ol>
 *
 * <p>The application server uses a managed connection from one thread at a time, but handles may be
 * closed from others, so the handle set and the listener list are concurrent collections.
 */
public class BftManagedConnection implements ManagedConnection {

    private static final System.Logger LOG = System.getLogger(BftManagedConnection.class.getName());

    private final BftManagedConnectionFactory factory;
    private final BftConnectionConfig config;
    private final BftClientSession session;
    private final Set<BftConnectionImpl> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private volatile PrintWriter logWriter;

    BftManagedConnection(BftManagedConnectionFactory factory, BftClientSession session) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.config = factory.config();
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public BftConnectionImpl getConnection(Subject subject, ConnectionRequestInfo requestInfo)
            throws ResourceException {
        requireNotDestroyed("get a connection");
        BftConnectionImpl handle = new BftConnectionImpl(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        requireNotDestroyed("associate a connection");
        if (!(connection instanceof BftConnectionImpl handle)) {
            throw new ResourceException("cannot associate " + connection + " with a BFT managed connection:"
                    + " it is not a BFT connection handle");
        }
        BftManagedConnection previous = handle.associate(this);
        if (previous != null && previous != this) {
            previous.handles.remove(handle);
        }
        handles.add(handle);
    }

    @Override
    public void cleanup() {
        invalidateHandles();
    }

    @Override
    public void destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return;
        }
        invalidateHandles();
        session.close();
        LOG.log(Level.DEBUG, "BFT managed connection destroyed: groupFile={0}", config.groupFile());
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /** The adapter declares {@code NoTransaction}; see the package documentation. */
    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("XA transactions are not supported: the BFT resource adapter declares"
                + " NoTransaction");
    }

    /** The adapter declares {@code NoTransaction}; see the package documentation. */
    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("local transactions are not supported: the BFT resource adapter"
                + " declares NoTransaction");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new BftManagedConnectionMetaData(config);
    }

    @Override
    public void setLogWriter(PrintWriter writer) {
        logWriter = writer;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /**
     * Runs an invocation for one of this connection's handles. A failure that the session reports as a
     * {@link BftException} leaves the session usable; an unchecked exception means the session is
     * broken, which is signalled to the application server before the caller sees it.
     */
    byte[] invoke(BftConnectionImpl handle, byte[] operation, boolean readOnly) throws ResourceException {
        requireNotDestroyed("invoke an operation");
        try {
            return session.invoke(operation, readOnly);
        } catch (RuntimeException failure) {
            BftException reported = new BftException("the session with the replica group failed; the"
                    + " application server discards it and the outcome of the operation is unknown", failure);
            connectionErrorOccurred(handle, reported);
            throw reported;
        }
    }

    /** Called by a handle when the application closes it. */
    void handleClosed(BftConnectionImpl handle) {
        if (handles.remove(handle)) {
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
            event.setConnectionHandle(handle);
            for (ConnectionEventListener listener : listeners) {
                notifyListener(listener, event, ConnectionEventListener::connectionClosed);
            }
        }
    }

    /**
     * Tells the application server that this managed connection is broken and must be destroyed.
     *
     * @param handle the handle in use when the failure happened, or {@code null}
     * @param cause what broke
     */
    void connectionErrorOccurred(BftConnectionImpl handle, Exception cause) {
        LOG.log(Level.WARNING, "BFT managed connection failed and will be discarded: {0}", cause.getMessage());
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            notifyListener(listener, event, ConnectionEventListener::connectionErrorOccurred);
        }
    }

    /**
     * @return whether this connection may serve requests of the given factory
     */
    boolean isUsableFor(BftManagedConnectionFactory candidate) {
        return !destroyed.get() && factory.equals(candidate);
    }

    BftConnectionConfig config() {
        return config;
    }

    /**
     * @return the number of handles this managed connection currently tracks
     */
    int handleCount() {
        return handles.size();
    }

    boolean isDestroyed() {
        return destroyed.get();
    }

    /** Detaches a handle that moves to another managed connection or is invalidated. */
    private void invalidateHandles() {
        for (BftConnectionImpl handle : handles) {
            handle.invalidate(this);
        }
        handles.clear();
    }

    private void requireNotDestroyed(String action) throws IllegalStateException {
        if (destroyed.get()) {
            throw new IllegalStateException("cannot " + action + ": this BFT managed connection was destroyed");
        }
    }

    private interface EventDelivery {
        void deliver(ConnectionEventListener listener, ConnectionEvent event);
    }

    /** A failing listener must not keep the others from learning about the event. */
    private static void notifyListener(ConnectionEventListener listener, ConnectionEvent event,
            EventDelivery delivery) {
        try {
            delivery.deliver(listener, event);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "connection event listener {0} failed on event {1}", listener, event.getId());
            LOG.log(Level.DEBUG, "listener failure", failure);
        }
    }
}
