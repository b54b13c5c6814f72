package org.bftee.ra;

import jakarta.resource.spi.ManagedConnectionMetaData;
import org.bftee.runtime.keys.Principal;

/**
 * Describes the "EIS" behind a managed connection: a BFT-EE replica group.
 */
public class BftManagedConnectionMetaData implements ManagedConnectionMetaData {

    static final String EIS_PRODUCT_NAME = "BFT-EE replica group";

    private final BftConnectionConfig config;

    BftManagedConnectionMetaData(BftConnectionConfig config) {
        this.config = config;
    }

    @Override
    public String getEISProductName() {
        return EIS_PRODUCT_NAME;
    }

    /**
     * @return the adapter's own version: replicas and adapter are released together
     */
    @Override
    public String getEISProductVersion() {
        return BftResourceAdapter.version();
    }

    /**
     * @return {@code sessionPoolSize}: the lanes of the principal's one session with the group, so
     *         the invocations that can be outstanding at once; a larger pool only makes callers wait
     */
    @Override
    public int getMaxConnections() {
        return config.sessionPoolSize();
    }

    /**
     * @return the client principal, as the replicas and the services' access control know it
     */
    @Override
    public String getUserName() {
        return Principal.client(config.clientId()).toString();
    }
}
