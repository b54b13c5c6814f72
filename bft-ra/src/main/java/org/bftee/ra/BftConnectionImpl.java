package org.bftee.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.IllegalStateException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bftee.ra.api.BftBankLedger;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftKeyValueStore;
import org.bftee.ra.api.BftLocalTransaction;

/**
 * An application's handle on a {@link BftManagedConnection}. It holds no session of its own: it
 * forwards invocations to the managed connection it is currently associated with, which the
 * application server may change ({@link BftManagedConnection#associateConnection}).
 */
public class BftConnectionImpl implements BftConnection {

    /** The managed connection this handle forwards to; {@code null} once closed or invalidated. */
    private volatile BftManagedConnection managedConnection;
    /** Set when the application closes the handle: a closed handle never becomes usable again. */
    private volatile boolean closed;
    private final BftKeyValueStore kv = new BftKeyValueStoreImpl(this);
    private final BftBankLedger bank = new BftBankLedgerImpl(this);

    BftConnectionImpl(BftManagedConnection managedConnection) {
        this.managedConnection = managedConnection;
    }

    @Override
    public byte[] invoke(byte[] operation) throws ResourceException {
        Objects.requireNonNull(operation, "operation");
        return blocking(() -> invokeAsync(operation));
    }

    @Override
    public byte[] invokeReadOnly(byte[] operation) throws ResourceException {
        Objects.requireNonNull(operation, "operation");
        return blocking(() -> invokeReadOnlyAsync(operation));
    }

    @Override
    public CompletableFuture<byte[]> invokeAsync(byte[] operation) throws ResourceException {
        BftManagedConnection target = requireOpen();
        return target.invokeAsync(this, Objects.requireNonNull(operation, "operation"),
                target.config().readOnlyDefault());
    }

    @Override
    public CompletableFuture<byte[]> invokeReadOnlyAsync(byte[] operation) throws ResourceException {
        return invokeAsync(Objects.requireNonNull(operation, "operation"), true);
    }

    /** For the typed helpers, which know whether their operation only reads, whatever readOnlyDefault says. */
    CompletableFuture<byte[]> invokeAsync(byte[] operation, boolean readOnly) throws ResourceException {
        return requireOpen().invokeAsync(this, operation, readOnly);
    }

    @Override
    public BftKeyValueStore kv() {
        return kv;
    }

    @Override
    public BftBankLedger bank() {
        return bank;
    }

    @Override
    public BftLocalTransaction localTransaction() throws ResourceException {
        return new BftLocalTransactionImpl(requireOpen(), this);
    }

    /** An invocation that returns at once with a stage. */
    interface AsyncCall<T> {
        CompletionStage<T> start() throws ResourceException;
    }

    /**
     * Runs {@code call} and waits for its outcome: what every blocking method of the handle and its
     * typed helpers does. Refused at once inside a transaction, whose operations are sent only at
     * commit.
     */
    <T> T blocking(AsyncCall<T> call) throws ResourceException {
        BftManagedConnection target = requireOpen();
        target.requireNoTransaction();
        return Stages.await(call.start(), target.awaitTimeout());
    }

    @Override
    public void close() {
        closed = true;
        BftManagedConnection target = managedConnection;
        managedConnection = null;
        if (target != null) {
            target.handleClosed(this);
        }
    }

    /**
     * @return whether the handle can still be used: neither closed nor invalidated
     */
    public boolean isOpen() {
        return managedConnection != null;
    }

    /**
     * Moves this handle to another managed connection.
     *
     * @return the managed connection it was associated with, or {@code null}
     * @throws IllegalStateException if the application has closed the handle
     */
    BftManagedConnection associate(BftManagedConnection target) throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("a closed BFT connection handle cannot be associated with a managed"
                    + " connection");
        }
        BftManagedConnection previous = managedConnection;
        managedConnection = target;
        return previous;
    }

    /** Makes the handle unusable, unless it has meanwhile moved to another managed connection. */
    void invalidate(BftManagedConnection owner) {
        if (managedConnection == owner) {
            managedConnection = null;
        }
    }

    private BftManagedConnection requireOpen() throws IllegalStateException {
        BftManagedConnection target = managedConnection;
        if (target == null) {
            throw new IllegalStateException("this BFT connection is closed, or was invalidated by the"
                    + " application server; get a new one from the connection factory");
        }
        return target;
    }
}
