package org.bftee.runtime.storage;

/**
 * What one {@link CheckpointStorage} has written since it was opened, for metrics and tests.
 *
 * <p>Only the storage's owner thread writes these fields, so an increment cannot be lost; they are
 * volatile so that a metrics thread reads recent values.
 */
public final class StorageCounters {

    private volatile long bytesWritten;
    private volatile long filesWritten;
    private volatile long fsyncs;
    private volatile long compactions;

    void recordFileWritten(long bytes) {
        bytesWritten += bytes;
        filesWritten++;
    }

    void recordFsync() {
        fsyncs++;
    }

    void recordCompaction() {
        compactions++;
    }

    /** Bytes written to files that were then renamed into place: deltas, base images and manifests. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Files written and renamed into place. */
    public long filesWritten() {
        return filesWritten;
    }

    /** Successful {@code force} calls on files and on the directory. */
    public long fsyncs() {
        return fsyncs;
    }

    /** Base images written by compacting a chain of deltas. */
    public long compactions() {
        return compactions;
    }

    @Override
    public String toString() {
        return "StorageCounters[bytesWritten=" + bytesWritten + ", filesWritten=" + filesWritten + ", fsyncs="
                + fsyncs + ", compactions=" + compactions + "]";
    }
}
