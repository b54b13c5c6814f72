package org.bftee.bench.load;

/** Wrong use of the command line: reported in one line with a hint, exit status 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
