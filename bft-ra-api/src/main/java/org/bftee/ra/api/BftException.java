package org.bftee.ra.api;

import jakarta.resource.ResourceException;

/**
 * Base class of every failure that the BFT resource adapter reports to an application.
 *
 * <p>Callers that do not care why an invocation failed catch this class; the subclasses say why.
 * The adapter throws this class itself only for failures that none of the subclasses describes, such
 * as a broken client session, and always with a message that says what happened.
 */
public class BftException extends ResourceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in a full sentence
     */
    public BftException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, in a full sentence
     * @param cause the failure that caused this one
     */
    public BftException(String message, Throwable cause) {
        super(message, cause);
    }
}
