package org.bftee.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.service.Service;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.launch.LocalGroup;

/**
 * The resource adapter outside a container against a real group: four replicas of {@link LocalGroup}
 * on loopback (real Netty, real keys), whose group file and client key file are written to a
 * directory and read by the managed connection factory as in a deployment. The test plays the
 * application server: it starts the adapter, without a BootstrapContext (so the runtime uses its own
 * threads) unless the test gives one, creates managed connections and listens to their events. {@link #close()} destroys the
 * managed connections, stops the adapter and the group, each even if the one before failed.
 */
final class AdapterOnLocalGroup implements AutoCloseable {

    /** Short view-change timeouts, so that a killed primary is replaced within a test's patience. */
    static final ProtocolTimeouts TIMEOUTS = new ProtocolTimeouts(Duration.ofMillis(500), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5));

    final LocalGroup group;
    final BftResourceAdapter adapter;
    final BftManagedConnectionFactory factory;
    final RecordingListener listener = new RecordingListener();
    private final List<BftManagedConnection> managed = new ArrayList<>();

    private AdapterOnLocalGroup(LocalGroup group, BftResourceAdapter adapter, BftManagedConnectionFactory factory) {
        this.group = group;
        this.adapter = adapter;
        this.factory = factory;
    }

    static AdapterOnLocalGroup start(Path directory, IntFunction<Service> services) throws Exception {
        return start(directory, services, null);
    }

    /** @param context the bootstrap context the adapter starts with, or {@code null} for none */
    static AdapterOnLocalGroup start(Path directory, IntFunction<Service> services, BootstrapContext context)
            throws Exception {
        LocalGroup group = LocalGroup.start(1, 1, ProtocolLimits.defaults(), TIMEOUTS, services,
                ObjectStoreLimits.defaults());
        BftResourceAdapter adapter = new BftResourceAdapter();
        try {
            GroupFixture files = GroupFixture.write(directory, group.config(), LocalGroup.FIRST_CLIENT,
                    group.clientKeys(0));
            adapter.start(context);
            BftManagedConnectionFactory factory = files.factory();
            factory.setResourceAdapter(adapter);
            factory.setInvokeTimeoutMillis(20_000L);
            factory.setSessionPoolSize(4);
            return new AdapterOnLocalGroup(group, adapter, factory);
        } catch (Exception | Error failed) {
            try {
                adapter.stop();
            } finally {
                group.close();
            }
            throw failed;
        }
    }

    /** A new managed connection, as the pool would create it, and a handle on it. */
    BftConnectionImpl connect() throws ResourceException {
        BftManagedConnection connection = managedConnection();
        return connection.getConnection(null, null);
    }

    BftManagedConnection managedConnection() throws ResourceException {
        BftManagedConnection connection = (BftManagedConnection) factory.createManagedConnection(null, null);
        managed.add(connection);
        connection.addConnectionEventListener(listener);
        return connection;
    }

    @Override
    public void close() {
        try {
            managed.forEach(BftManagedConnection::destroy);
        } finally {
            try {
                adapter.stop();
            } finally {
                group.close();
            }
        }
    }
}
