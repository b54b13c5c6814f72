package org.bftee.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.Serializable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.lang.System.Logger.Level;
import javax.transaction.xa.XAResource;

/**
 * The adapter's life cycle in the application server: started when the RAR is deployed, stopped
 * when it is undeployed.
 *
 * <p>The adapter is outbound only; it has no configuration of its own (each connection definition
 * has its own, see {@link BftConnectionConfig}). It owns the client sessions that the connection
 * definitions share ({@link SharedClients}) and their threads: in an application server those come
 * from the {@link BootstrapContext}'s WorkManager ({@link WorkManagerThreads}), as the Connectors
 * specification asks; started without a context (outside a container, in tests) the client
 * runtime starts its own. {@link #stop()} closes every session, which ends every thread.
 */
public class BftResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(BftResourceAdapter.class.getName());

    /** Threads that hand results to applications outside a container; a container lends its own. */
    static final int CALLBACK_THREADS_WITHOUT_CONTAINER = 2;

    private transient volatile SharedClients clients;
    private transient volatile WorkManagerThreads threads;
    private transient volatile ExecutorService ownCallbacks;

    /** @param context the container's, or {@code null} outside a container: the runtime's own threads */
    @Override
    public void start(BootstrapContext context) {
        threads = context == null ? null : new WorkManagerThreads(context);
        Executor callbacks;
        if (threads != null) {
            callbacks = threads.shortTasks();
        } else {
            ownCallbacks = Executors.newFixedThreadPool(CALLBACK_THREADS_WITHOUT_CONTAINER, runnable -> {
                Thread thread = new Thread(runnable, "bft-ra-callbacks");
                thread.setDaemon(true);
                return thread;
            });
            callbacks = ownCallbacks;
        }
        clients = new SharedClients(threads, callbacks);
        LOG.log(Level.INFO, "BFT resource adapter {0} started, client threads from {1}", version(),
                context == null ? "the client runtime (no BootstrapContext)" : "the application server's WorkManager");
    }

    @Override
    public void stop() {
        SharedClients open = clients;
        if (open != null) {
            open.closeAll();
        }
        ExecutorService callbacks = ownCallbacks;
        if (callbacks != null) {
            // After closeAll every stage is complete; what is queued still runs, nothing new is taken.
            callbacks.shutdown();
        }
        WorkManagerThreads used = threads;
        if (used != null && used.running() > 0) {
            LOG.log(Level.WARNING, "BFT resource adapter stopped with {0} container threads still running",
                    used.running());
        }
        LOG.log(Level.INFO, "BFT resource adapter {0} stopped", version());
    }

    /**
     * @return the client sessions of the connection definitions
     * @throws IllegalStateException if the adapter was not started
     */
    SharedClients clients() throws IllegalStateException {
        SharedClients started = clients;
        if (started == null) {
            throw new IllegalStateException("the BFT resource adapter was not started");
        }
        return started;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws NotSupportedException {
        throw new NotSupportedException("the BFT resource adapter is outbound only: it delivers no messages"
                + " to message endpoints");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        // Nothing is ever activated.
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /**
     * Section 19.4.2 of the Connectors specification requires a resource adapter JavaBean to define
     * {@code equals}; with no configuration of its own, all instances are equal.
     */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    /**
     * @return the adapter's version from its jar manifest, or {@code "development"} when run from
     *         classes (unit tests)
     */
    static String version() {
        String version = BftResourceAdapter.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
