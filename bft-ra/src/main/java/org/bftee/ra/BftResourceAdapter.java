package org.bftee.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import javax.transaction.xa.XAResource;

/**
 * The adapter's life cycle in the application server: started when the RAR is deployed, stopped
 * when it is undeployed.
 *
 * <p>The adapter is outbound only; it has no configuration of its own (each connection definition
 * has its own, see {@link BftConnectionConfig}). Later the shared client runtime (event loop and
 * sockets used by every connection factory) will be started and stopped here.
 */
public class BftResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(BftResourceAdapter.class.getName());

    @Override
    public void start(BootstrapContext context) {
        LOG.log(Level.INFO, "BFT resource adapter {0} started", version());
    }

    @Override
    public void stop() {
        LOG.log(Level.INFO, "BFT resource adapter {0} stopped", version());
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
