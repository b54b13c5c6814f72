package org.bftee.runtime.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The storage directory's file operations, in the one order that makes a write crash-safe:
 * <ol>
 *   <li>write the content to {@code name.tmp};</li>
 *   <li>{@code FileChannel.force(true)} it, so that its content is on disk before its name is;</li>
 *   <li>rename it to {@code name} with {@code ATOMIC_MOVE}, so that {@code name} is either the old file or
 *       the new one, whole;</li>
 *   <li>force the directory, so that the rename itself survives a power loss.</li>
 * </ol>
 * A crash before step 3 leaves a temporary file that {@link #deleteTemporaryFiles()} removes at the next
 * open; a crash after it leaves the new file.
 */
final class DurableDirectory {

    private static final System.Logger LOG = System.getLogger(DurableDirectory.class.getName());

    static final String TEMPORARY_SUFFIX = ".tmp";

    /** The content of one file, written between its header and its trailer. */
    @FunctionalInterface
    interface FileContent {
        void writeTo(ChecksummedOutput out) throws IOException;
    }

    private final Path directory;
    private final StepObserver observer;
    private final Forcing forcing;
    private final StorageCounters counters;
    private boolean directoryForceUnsupported;

    DurableDirectory(Path directory, StepObserver observer, Forcing forcing, StorageCounters counters) {
        this.directory = directory;
        this.observer = observer;
        this.forcing = forcing;
        this.counters = counters;
    }

    Path path() {
        return directory;
    }

    Path resolve(String name) {
        return directory.resolve(name);
    }

    /**
     * Writes file {@code name} through steps 1 to 4 above; when this returns, the file is durable under its
     * name. A failure before the rename deletes the temporary file and leaves {@code name} as it was.
     */
    WrittenFile writeAtomically(String name, FileContent content) throws IOException {
        return replaceAtomically(name, channel -> {
            ChecksummedOutput out = new ChecksummedOutput(channel);
            content.writeTo(out);
            return out.finish();
        });
    }

    /**
     * Writes {@code content} (from its position to its limit) as file {@code name} through steps 1 to 4
     * above, with no header or trailer of this directory's: the vote log, which carries its own checksums.
     */
    void writeAtomically(String name, ByteBuffer content) throws IOException {
        replaceAtomically(name, channel -> {
            long length = content.remaining();
            while (content.hasRemaining()) {
                channel.write(content);
            }
            return new WrittenFile(length, null);
        });
    }

    /** What a file's content is written by: it returns the file's length (and SHA-256 if it has one). */
    @FunctionalInterface
    private interface ChannelContent {
        WrittenFile writeTo(FileChannel channel) throws IOException;
    }

    private WrittenFile replaceAtomically(String name, ChannelContent content) throws IOException {
        Path temporary = directory.resolve(name + TEMPORARY_SUFFIX);
        Path target = directory.resolve(name);
        WrittenFile written;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            observer.before(StorageStep.WRITE_TEMPORARY, temporary);
            written = content.writeTo(channel);
            observer.after(StorageStep.WRITE_TEMPORARY, temporary);
            observer.before(StorageStep.FORCE_FILE, temporary);
            force(channel);
            observer.after(StorageStep.FORCE_FILE, temporary);
        } catch (IOException e) {
            // A real failure (a full disk, a damaged file being merged): nothing refers to the temporary
            // file, so it goes now rather than at the next open.
            Files.deleteIfExists(temporary);
            throw e;
        }
        observer.before(StorageStep.RENAME, target);
        // ATOMIC_MOVE replaces an existing target on POSIX (rename(2)) and on Windows (MoveFileEx with
        // MOVEFILE_REPLACE_EXISTING); the Javadoc leaves it to the platform, and both that we run on replace.
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        observer.after(StorageStep.RENAME, target);
        forceDirectory();
        counters.recordFileWritten(written.length());
        return written;
    }

    /**
     * Forces the directory's entries (names created, renamed or deleted) to disk. Linux and macOS allow a
     * directory to be opened for reading and forced; Windows refuses to open a directory as a channel, and
     * there a rename is only as durable as NTFS's own metadata journal makes it. That refusal is logged once
     * and tolerated; a failure of the force itself is an I/O error and is thrown.
     */
    void forceDirectory() throws IOException {
        if (directoryForceUnsupported) {
            return;
        }
        observer.before(StorageStep.FORCE_DIRECTORY, directory);
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            directoryForceUnsupported = true;
            LOG.log(Level.WARNING, "Cannot open the directory {0} to force it ({1}): renames there are as durable "
                    + "as the file system makes them by itself", directory, e.toString());
            return;
        }
        try (channel) {
            force(channel);
        }
        observer.after(StorageStep.FORCE_DIRECTORY, directory);
    }

    private void force(FileChannel channel) throws IOException {
        if (forcing == Forcing.TO_DISK) {
            channel.force(true);
            counters.recordFsync();
        }
    }

    /**
     * Deletes {@code name} if it exists. Deletions are not forced: a deleted file that reappears after a
     * power loss is an orphan, which no manifest refers to, and goes at the next load.
     */
    void delete(String name) throws IOException {
        Path file = directory.resolve(name);
        observer.before(StorageStep.DELETE, file);
        Files.deleteIfExists(file);
        observer.after(StorageStep.DELETE, file);
    }

    /** Deletes what crashed writes left behind: temporary files of chain files and of the manifest. */
    void deleteTemporaryFiles() throws IOException {
        for (String name : list(DurableDirectory::isTemporary)) {
            LOG.log(Level.INFO, "Deleting {0}, left by a write that did not complete", directory.resolve(name));
            delete(name);
        }
    }

    /** The names of the directory's regular files that {@code accepted} accepts, sorted. */
    List<String> list(Predicate<String> accepted) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (accepted.test(name) && Files.isRegularFile(entry)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static boolean isTemporary(String name) {
        if (!name.endsWith(TEMPORARY_SUFFIX)) {
            return false;
        }
        String target = name.substring(0, name.length() - TEMPORARY_SUFFIX.length());
        return target.equals(ManifestFile.NAME) || ChainFile.NAME.matcher(target).matches();
    }
}
