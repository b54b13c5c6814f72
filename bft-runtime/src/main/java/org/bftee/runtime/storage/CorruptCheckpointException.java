package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A stored file is missing, truncated, altered, of another format, or does not belong to the chain the
 * manifest describes. It extends {@link IOException} so that callers handling storage failures catch it
 * with the rest, and carries the file and the problem for those that report it.
 */
public final class CorruptCheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public CorruptCheckpointException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
