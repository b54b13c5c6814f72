package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A replica's vote log ({@link VoteLog}) is damaged somewhere other than its tail (where a crash may
 * cut a record short, which replay removes), or is not a vote log at all. The replica refuses to start
 * from it: the votes it promised are unknown, and guessing could break a promise.
 */
public final class CorruptVoteLogException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CorruptVoteLogException(Path file, String problem) {
        super(file + ": " + Objects.requireNonNull(problem, "problem"));
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }
}
