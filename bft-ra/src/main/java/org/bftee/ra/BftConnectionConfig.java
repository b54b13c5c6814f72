package org.bftee.ra;

import jakarta.resource.spi.InvalidPropertyException;
import java.io.Serializable;

/**
 * The configuration of one connection factory, as set through the config properties of
 * {@link BftManagedConnectionFactory} (declared with their defaults in {@code META-INF/ra.xml}).
 *
 * <p>The application server sets the properties one at a time, so an instance may be incomplete
 * until {@link #validate()} has accepted it; the factory validates before it creates anything.
 * Equal configurations mean interchangeable connections: the managed connection factory's
 * {@code equals} and {@code hashCode} are those of its configuration.
 *
 * @param groupFile path of the replica group file (addresses and public keys of the replicas)
 * @param clientKeyFile path of the key file of the client principal that this factory acts as
 * @param invokeTimeoutMillis how long an invocation waits for an agreed result, in milliseconds
 * @param readOnlyDefault whether {@code invoke} uses the read-only optimisation, as
 *        {@code invokeReadOnly} always does; for factories used only for queries
 * @param sessionPoolSize how many client sessions (lanes) with the group the factory keeps, which
 *        bounds the invocations outstanding at once
 */
public record BftConnectionConfig(
        String groupFile,
        String clientKeyFile,
        long invokeTimeoutMillis,
        boolean readOnlyDefault,
        int sessionPoolSize) implements Serializable {

    /** Default of {@code invokeTimeoutMillis}: 30 seconds, longer than a few view changes. */
    public static final long INVOKE_TIMEOUT_MILLIS_DEFAULT = 30_000;
    /** Upper bound of {@code invokeTimeoutMillis}: 10 minutes. */
    public static final long INVOKE_TIMEOUT_MILLIS_MAX = 600_000;
    /** Default of {@code readOnlyDefault}. */
    public static final boolean READ_ONLY_DEFAULT_DEFAULT = false;
    /** Default of {@code sessionPoolSize}. */
    public static final int SESSION_POOL_SIZE_DEFAULT = 8;
    /**
     * Upper bound of {@code sessionPoolSize}. Each session is a lane that the replicas keep a reply
     * cache entry for, so the number a principal may use is bounded on both sides.
     */
    public static final int SESSION_POOL_SIZE_MAX = 64;

    private static final long serialVersionUID = 1L;

    /**
     * @return the configuration before any property is set: the defaults, and no files
     */
    public static BftConnectionConfig defaults() {
        return new BftConnectionConfig(null, null, INVOKE_TIMEOUT_MILLIS_DEFAULT, READ_ONLY_DEFAULT_DEFAULT,
                SESSION_POOL_SIZE_DEFAULT);
    }

    public BftConnectionConfig withGroupFile(String value) {
        return new BftConnectionConfig(value, clientKeyFile, invokeTimeoutMillis, readOnlyDefault, sessionPoolSize);
    }

    public BftConnectionConfig withClientKeyFile(String value) {
        return new BftConnectionConfig(groupFile, value, invokeTimeoutMillis, readOnlyDefault, sessionPoolSize);
    }

    public BftConnectionConfig withInvokeTimeoutMillis(long value) {
        return new BftConnectionConfig(groupFile, clientKeyFile, value, readOnlyDefault, sessionPoolSize);
    }

    public BftConnectionConfig withReadOnlyDefault(boolean value) {
        return new BftConnectionConfig(groupFile, clientKeyFile, invokeTimeoutMillis, value, sessionPoolSize);
    }

    public BftConnectionConfig withSessionPoolSize(int value) {
        return new BftConnectionConfig(groupFile, clientKeyFile, invokeTimeoutMillis, readOnlyDefault, value);
    }

    /**
     * Checks every property. The files themselves are read when the client runtime connects to the
     * group, not here, so that a factory can be defined before its files are distributed.
     *
     * @return this configuration, complete and within its limits
     * @throws InvalidPropertyException naming the first property that is missing or out of range
     */
    public BftConnectionConfig validate() throws InvalidPropertyException {
        requirePresent("groupFile", groupFile, "the path of the replica group file");
        requirePresent("clientKeyFile", clientKeyFile, "the path of the client principal's key file");
        if (invokeTimeoutMillis < 1 || invokeTimeoutMillis > INVOKE_TIMEOUT_MILLIS_MAX) {
            throw new InvalidPropertyException("invokeTimeoutMillis must be between 1 and "
                    + INVOKE_TIMEOUT_MILLIS_MAX + " milliseconds, but is " + invokeTimeoutMillis);
        }
        if (sessionPoolSize < 1 || sessionPoolSize > SESSION_POOL_SIZE_MAX) {
            throw new InvalidPropertyException("sessionPoolSize must be between 1 and "
                    + SESSION_POOL_SIZE_MAX + ", but is " + sessionPoolSize);
        }
        return this;
    }

    private static void requirePresent(String property, String value, String meaning)
            throws InvalidPropertyException {
        if (value == null || value.isBlank()) {
            throw new InvalidPropertyException(property + " is required: set it to " + meaning
                    + " in the connection definition of the resource adapter");
        }
    }
}
