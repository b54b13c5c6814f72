package org.bftee.ra;

import jakarta.resource.spi.ManagedConnectionMetaData;

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
     * @return 0: the group does not limit connections; each factory's sessions are bounded by
     *         {@code sessionPoolSize}
     */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    /**
     * @return the key file of the client principal, which is the identity the replicas know
     */
    @Override
    public String getUserName() {
        return config.clientKeyFile();
    }
}
