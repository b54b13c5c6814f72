package org.bftee.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.bftee.ra.api.BftException;
import org.bftee.ra.api.BftOperationTooLargeException;
import org.bftee.ra.api.BftTransactionAbortedException;

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
 * <p>Local transactions ({@link #getLocalTransaction()}, or a handle's application-level
 * demarcation) belong to the managed connection: while one is active, invocations are collected in
 * a {@link PendingTransaction} and sent at transaction commit as one envelope that the replicas
 * execute atomically; a rollback sends nothing. Cleanup and destroy discard a transaction that the
 * container left active.
 *
 * <p>The application server uses a managed connection from one thread at a time, but handles may be
 * closed from others and results arrive on the client runtime's threads, so the handle set and the
 * listeners ({@link ConnectionEvents}) are concurrent collections and the transaction is swapped under
 * the connection's lock.
 */
public class BftManagedConnection implements ManagedConnection {

    private static final System.Logger LOG = System.getLogger(BftManagedConnection.class.getName());
    /** Added to the invoke timeout for a blocking wait, so that the runtime's own timeout reports first. */
    private static final Duration AWAIT_MARGIN = Duration.ofSeconds(5);

    private final BftManagedConnectionFactory factory;
    private final BftConnectionConfig config;
    private final BftClientSession session;
    private final Set<BftConnectionImpl> handles = ConcurrentHashMap.newKeySet();
    private final ConnectionEvents events = new ConnectionEvents(this);
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private final BftLocalTransactionImpl containerTransaction = new BftLocalTransactionImpl(this, null);
    /** The active transaction, or {@code null}; replaced only under this connection's lock. */
    private volatile PendingTransaction transaction;
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
        discardTransaction("the connection was cleaned up");
    }

    @Override
    public void destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return;
        }
        invalidateHandles();
        discardTransaction("the connection was destroyed");
        session.close();
        LOG.log(Level.DEBUG, "BFT managed connection destroyed: groupFile={0}", config.groupFile());
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        events.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        events.remove(listener);
    }

    /** Only local transactions are supported: one request applies atomically at one group. */
    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("XA transactions are not supported: the BFT resource adapter declares"
                + " LocalTransaction; the application server runs it as the one local resource of a JTA transaction");
    }

    /** The container's demarcation: it fires no connection events. */
    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        requireNotDestroyed("demarcate a transaction");
        return containerTransaction;
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
     * Runs an invocation for one of this connection's handles: collected into the active
     * transaction, or sent at once.
     *
     * @return completes with the payload of the successful result, or with a documented failure
     * @throws BftOperationTooLargeException if the operation (or the transaction with it) is above the
     *         group's request limit; nothing was sent or collected
     * @throws ResourceException if the connection was destroyed or the transaction is full
     */
    CompletableFuture<byte[]> invokeAsync(BftConnectionImpl handle, byte[] operation, boolean readOnly)
            throws ResourceException {
        requireNotDestroyed("invoke an operation");
        PendingTransaction active = transaction;
        if (active != null) {
            return active.collect(operation);
        }
        if (operation.length > session.requestBytesMax()) {
            throw new BftOperationTooLargeException("an operation of " + operation.length + " bytes is above the"
                    + " group's request limit of " + session.requestBytesMax() + " bytes (limits.request-bytes-max);"
                    + " it was not sent", operation.length, session.requestBytesMax());
        }
        return Stages.decode(send(handle, operation, readOnly), Results::payload);
    }

    /**
     * Refuses a blocking invocation inside a transaction, where it would wait for its own commit.
     *
     * @throws IllegalStateException if a transaction is active
     */
    void requireNoTransaction() throws IllegalStateException {
        if (transaction != null) {
            throw new IllegalStateException("a blocking invocation cannot run inside a transaction: its operation is"
                    + " only sent at transaction commit, which cannot happen before it returns; use invokeAsync (or"
                    + " the ...Async methods of kv() and bank()) and read the result from the stage after the commit");
        }
    }

    /** @return how long a blocking caller waits at most: the runtime's own timeout fires first */
    Duration awaitTimeout() {
        return config.invokeTimeout().plus(AWAIT_MARGIN);
    }

    void beginTransaction(BftConnectionImpl handle) throws ResourceException {
        requireNotDestroyed("begin a transaction");
        synchronized (this) {
            if (transaction != null) {
                throw new LocalTransactionException("a transaction is already active on this BFT connection;"
                        + " commit or roll it back before beginning another (inside a container-managed JTA"
                        + " transaction, the container ends it)");
            }
            transaction = new PendingTransaction(session.requestBytesMax());
        }
        notifyTransaction(handle, ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEventListener::localTransactionStarted);
    }

    /**
     * Sends the collected operations as one envelope and waits for the agreed outcome; with none,
     * sends nothing. Every stage of the transaction is complete when this returns.
     */
    void commitTransaction(BftConnectionImpl handle) throws ResourceException {
        PendingTransaction ending = end("commit");
        try {
            byte[] envelope = ending.end();
            if (envelope != null) {
                ending.settle(Stages.await(send(handle, envelope, false), awaitTimeout()));
            }
        } catch (ResourceException failed) {
            ending.fail(failed);
            // The transaction is over either way; the exception tells the application how.
            notifyTransaction(handle, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                    ConnectionEventListener::localTransactionRolledback);
            throw failed;
        }
        notifyTransaction(handle, ConnectionEvent.LOCAL_TRANSACTION_COMMITTED,
                ConnectionEventListener::localTransactionCommitted);
    }

    /** Discards the collected operations: nothing is sent. */
    void rollbackTransaction(BftConnectionImpl handle) throws ResourceException {
        PendingTransaction ending = end("roll back");
        ending.fail(new BftTransactionAbortedException("the transaction was rolled back; none of its operations"
                + " was sent"));
        notifyTransaction(handle, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                ConnectionEventListener::localTransactionRolledback);
    }

    private synchronized PendingTransaction end(String action) throws LocalTransactionException {
        PendingTransaction ending = transaction;
        if (ending == null) {
            throw new LocalTransactionException("cannot " + action + ": no transaction is active on this BFT"
                    + " connection");
        }
        transaction = null;
        return ending;
    }

    private void discardTransaction(String why) {
        PendingTransaction left;
        synchronized (this) {
            left = transaction;
            transaction = null;
        }
        if (left != null) {
            LOG.log(Level.WARNING, "BFT transaction discarded with nothing sent: {0}", why);
            left.fail(new BftTransactionAbortedException("the transaction was discarded with nothing sent: " + why));
        }
    }

    /**
     * Sends one request. A failure that the session reports as a {@link BftException} leaves it
     * usable; anything else means the session is broken, which is signalled to the application
     * server before the caller sees it.
     *
     * @return completes with the agreed result as the service encoded it
     */
    private CompletableFuture<byte[]> send(BftConnectionImpl handle, byte[] request, boolean readOnly) {
        CompletableFuture<byte[]> sent;
        try {
            sent = session.invokeAsync(request, readOnly);
        } catch (RuntimeException broken) {
            return CompletableFuture.failedFuture(sessionBroken(handle, broken));
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        sent.whenComplete((answer, failure) -> {
            Throwable cause = failure == null ? null : Stages.unwrap(failure);
            if (cause == null) {
                result.complete(answer);
            } else if (cause instanceof BftException documented) {
                result.completeExceptionally(documented);
            } else {
                result.completeExceptionally(sessionBroken(handle, cause));
            }
        });
        return result;
    }

    private BftException sessionBroken(BftConnectionImpl handle, Throwable failure) {
        BftException reported = new BftException("the session with the replica group failed; the application"
                + " server discards it and the outcome of the operation is unknown", failure);
        connectionErrorOccurred(handle, reported);
        return reported;
    }

    /** Called by a handle when the application closes it. */
    void handleClosed(BftConnectionImpl handle) {
        if (handles.remove(handle)) {
            events.fire(ConnectionEvent.CONNECTION_CLOSED, handle, ConnectionEventListener::connectionClosed);
        }
    }

    /** Application-level demarcation only: the container knows about its own. */
    private void notifyTransaction(BftConnectionImpl handle, int eventId, ConnectionEvents.Delivery delivery) {
        if (handle != null) {
            events.fire(eventId, handle, delivery);
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
        events.fireError(handle, cause);
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
}
