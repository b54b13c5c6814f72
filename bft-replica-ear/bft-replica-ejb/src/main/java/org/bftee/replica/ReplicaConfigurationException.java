package org.bftee.replica;

/**
 * The server configuration does not say who this replica is or which group it belongs to. Thrown
 * while the replica EAR is deployed, which then fails with this exception's message.
 */
public class ReplicaConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which setting is wrong and how to fix it, in a full sentence
     */
    public ReplicaConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message which setting is wrong and how to fix it, in a full sentence
     * @param cause the failure that revealed it
     */
    public ReplicaConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
