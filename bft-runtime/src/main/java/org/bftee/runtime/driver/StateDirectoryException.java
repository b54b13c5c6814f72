package org.bftee.runtime.driver;

import java.nio.file.Path;

/** A replica's state directory cannot be created, read or written; the message names it and says why. */
public final class StateDirectoryException extends RuntimeException {

    private final transient Path directory;

    public StateDirectoryException(Path directory, String message, Throwable cause) {
        super(message, cause);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
