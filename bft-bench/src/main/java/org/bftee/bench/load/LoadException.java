package org.bftee.bench.load;

/** A run could not take place: a target would not open, or a setup operation failed. */
public final class LoadException extends Exception {

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
