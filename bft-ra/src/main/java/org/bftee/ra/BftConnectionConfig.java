package org.bftee.ra;

import jakarta.resource.spi.InvalidPropertyException;
import java.io.Serializable;
import java.time.Duration;

/**
 * The configuration of one connection factory, as set through the config properties of
 * {@link BftManagedConnectionFactory} (declared with their defaults in {@code META-INF/ra.xml}).
 *
 * <p>The application server sets the properties one at a time, so an instance may be incomplete
 * until {@link #validate()} has accepted it; the factory validates before it creates anything, and
 * then reads the files ({@link GroupFiles}). Equal configurations mean interchangeable connections:
 * the managed connection factory's {@code equals} and {@code hashCode} are those of its
 * configuration, and equal configurations share one client session with the group.
 *
 * @param groupFile path of the replica group file (addresses and public keys of the replicas)
 * @param clientKeyFile path of the private key file of the client principal that this factory acts as
 * @param clientId the id of that client principal in the group file (from 1000), or
 *        {@link #CLIENT_ID_UNSET}
 * @param invokeTimeout how long an invocation (or a transaction commit) waits for an agreed result
 * @param readOnlyDefault whether {@code invoke} uses the read-only optimisation, as
 *        {@code invokeReadOnly} always does; for factories used only for queries
 * @param sessionPoolSize how many lanes the factory's client session with the group has, which
 *        bounds the invocations outstanding at once; the application server's pool of managed
 *        connections should not be larger
 */
public record BftConnectionConfig(
        String groupFile,
        String clientKeyFile,
        int clientId,
        Duration invokeTimeout,
        boolean readOnlyDefault,
        int sessionPoolSize) implements Serializable {

    /** The value of {@code clientId} before it is set; it must be set. */
    public static final int CLIENT_ID_UNSET = -1;
    /** Smallest client principal id: ids below it are replicas'. */
    public static final int CLIENT_ID_MIN = 1000;
    /** Default of {@code invokeTimeoutMillis}: 30 seconds, longer than a few view changes. */
    public static final Duration INVOKE_TIMEOUT_DEFAULT = Duration.ofSeconds(30);
    /** Upper bound of {@code invokeTimeoutMillis}: 10 minutes. */
    public static final Duration INVOKE_TIMEOUT_MAX = Duration.ofMinutes(10);
    /** Default of {@code readOnlyDefault}. */
    public static final boolean READ_ONLY_DEFAULT_DEFAULT = false;
    /** Default of {@code sessionPoolSize}. */
    public static final int SESSION_POOL_SIZE_DEFAULT = 8;
    /**
     * Upper bound of {@code sessionPoolSize}. Each lane has a reply cache entry at every replica, so
     * the group file bounds it too ({@code limits.lanes-per-client-max}), which is checked when the
     * files are read.
     */
    public static final int SESSION_POOL_SIZE_MAX = 64;

    private static final long serialVersionUID = 1L;

    /**
     * @return the configuration before any property is set: the defaults, and no files or client id
     */
    public static BftConnectionConfig defaults() {
        return new BftConnectionConfig(null, null, CLIENT_ID_UNSET, INVOKE_TIMEOUT_DEFAULT, READ_ONLY_DEFAULT_DEFAULT,
                SESSION_POOL_SIZE_DEFAULT);
    }

    public BftConnectionConfig withGroupFile(String value) {
        return new BftConnectionConfig(value, clientKeyFile, clientId, invokeTimeout, readOnlyDefault, sessionPoolSize);
    }

    public BftConnectionConfig withClientKeyFile(String value) {
        return new BftConnectionConfig(groupFile, value, clientId, invokeTimeout, readOnlyDefault, sessionPoolSize);
    }

    public BftConnectionConfig withClientId(int value) {
        return new BftConnectionConfig(groupFile, clientKeyFile, value, invokeTimeout, readOnlyDefault, sessionPoolSize);
    }

    public BftConnectionConfig withInvokeTimeout(Duration value) {
        return new BftConnectionConfig(groupFile, clientKeyFile, clientId, value, readOnlyDefault, sessionPoolSize);
    }

    public BftConnectionConfig withReadOnlyDefault(boolean value) {
        return new BftConnectionConfig(groupFile, clientKeyFile, clientId, invokeTimeout, value, sessionPoolSize);
    }

    public BftConnectionConfig withSessionPoolSize(int value) {
        return new BftConnectionConfig(groupFile, clientKeyFile, clientId, invokeTimeout, readOnlyDefault, value);
    }

    /**
     * Checks every property on its own. The files are read, and checked against each other and
     * against these properties, by {@link GroupFiles#load}.
     *
     * @return this configuration, complete and within its limits
     * @throws InvalidPropertyException naming the first property that is missing or out of range
     */
    public BftConnectionConfig validate() throws InvalidPropertyException {
        requirePresent("groupFile", groupFile, "the path of the replica group file");
        requirePresent("clientKeyFile", clientKeyFile, "the path of the client principal's private key file");
        if (clientId == CLIENT_ID_UNSET) {
            throw new InvalidPropertyException("clientId is required: set it to the id of the client principal"
                    + " in the group file (" + CLIENT_ID_MIN + " or more) in the connection definition");
        }
        if (clientId < CLIENT_ID_MIN) {
            throw new InvalidPropertyException("clientId must be " + CLIENT_ID_MIN + " or more (smaller ids are"
                    + " replicas), but is " + clientId);
        }
        if (invokeTimeout == null || invokeTimeout.compareTo(Duration.ofMillis(1)) < 0
                || invokeTimeout.compareTo(INVOKE_TIMEOUT_MAX) > 0) {
            throw new InvalidPropertyException("invokeTimeoutMillis must be between 1 and "
                    + INVOKE_TIMEOUT_MAX.toMillis() + " milliseconds, but is "
                    + (invokeTimeout == null ? null : invokeTimeout.toMillis()));
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
