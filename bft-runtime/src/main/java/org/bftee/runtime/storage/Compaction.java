package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bftee.core.message.Bytes;

/**
 * Writes a base image of a chain's newest checkpoint. The deltas (bounded by the compaction limits) are
 * merged in memory, newest value first; the old base image, which may be as large as the whole state, is
 * streamed record by record and merged with them in index order, so memory holds the deltas and one
 * object of the base at a time. The old base's hash is checked when its last record has been read, before
 * the new file is forced and renamed: a damaged base is never copied into a new one.
 */
final class Compaction {

    private Compaction() {
    }

    /** Writes the base image durably and returns its entry for the manifest; the chain must not be empty. */
    static ChainFile writeBase(DurableDirectory directory, Manifest chain, StorageLimits limits) throws IOException {
        ChainFile newest = chain.newest().orElseThrow(() -> new IllegalStateException("nothing to compact"));
        SortedMap<Integer, Bytes> changed = mergedDeltas(directory.path(), chain, limits);
        String name = ChainFile.fileName(ChainFile.Kind.BASE, newest.sequence());
        WrittenFile written = directory.writeAtomically(name, out -> {
            CheckpointFileWriter writer = new CheckpointFileWriter(out, ChainFile.Kind.BASE, chain.objectCount(),
                    newest.sequence(), Manifest.NO_CHECKPOINT, newest.digest());
            merge(directory.path(), chain.base(), changed, limits, writer);
            writer.end();
        });
        return new ChainFile(ChainFile.Kind.BASE, newest.sequence(), newest.digest(), written.length(),
                written.sha256());
    }

    /** Every object the deltas changed, with its newest value; empty values stand for emptied objects. */
    private static SortedMap<Integer, Bytes> mergedDeltas(Path directory, Manifest chain, StorageLimits limits)
            throws IOException {
        SortedMap<Integer, Bytes> merged = new TreeMap<>();
        long previous = chain.base().map(ChainFile::sequence).orElse(Manifest.NO_CHECKPOINT);
        for (ChainFile delta : chain.deltas()) {
            merged.putAll(CheckpointFileReader.readAll(directory, delta, previous, limits));
            previous = delta.sequence();
        }
        return merged;
    }

    private static void merge(Path directory, Optional<ChainFile> base, SortedMap<Integer, Bytes> changed,
            StorageLimits limits, CheckpointFileWriter writer) throws IOException {
        Iterator<Map.Entry<Integer, Bytes>> pending = changed.entrySet().iterator();
        Map.Entry<Integer, Bytes> next = advance(pending);
        if (base.isPresent()) {
            try (CheckpointFileReader reader = CheckpointFileReader.open(directory, base.get(),
                    Manifest.NO_CHECKPOINT, limits)) {
                for (ObjectRecord record = reader.next(); record != null; record = reader.next()) {
                    while (next != null && next.getKey() < record.index()) {
                        writeUnlessEmpty(writer, next);
                        next = advance(pending);
                    }
                    if (next != null && next.getKey() == record.index()) {
                        // A delta changed this object after the base image: its value replaces the base's.
                        writeUnlessEmpty(writer, next);
                        next = advance(pending);
                    } else {
                        writer.write(record.index(), record.value());
                    }
                }
            }
        }
        for (; next != null; next = advance(pending)) {
            writeUnlessEmpty(writer, next);
        }
    }

    private static Map.Entry<Integer, Bytes> advance(Iterator<Map.Entry<Integer, Bytes>> pending) {
        return pending.hasNext() ? pending.next() : null;
    }

    private static void writeUnlessEmpty(CheckpointFileWriter writer, Map.Entry<Integer, Bytes> object)
            throws IOException {
        if (!object.getValue().isEmpty()) {
            writer.write(object.getKey(), object.getValue());
        }
    }
}
