package org.bftee.runtime.storage;

/** The file-system steps whose order makes a save crash-safe; a {@link StepObserver} sees each one. */
enum StorageStep {
    /** Creating and filling a temporary file. */
    WRITE_TEMPORARY,
    /** {@code FileChannel.force(true)} on the temporary file. */
    FORCE_FILE,
    /** The atomic rename of the temporary file to its final name. */
    RENAME,
    /** {@code force} on the directory, which makes the rename durable. */
    FORCE_DIRECTORY,
    /** Deleting a file that no durable manifest refers to any more. */
    DELETE
}
