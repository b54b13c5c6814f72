package org.bftee.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Request;
import org.bftee.core.replica.DurableLog;
import org.bftee.core.replica.LoggedState;

/**
 * A replica's {@link DurableLog} on disk: the file {@value #FILE_NAME} in its state directory, records
 * appended in the order the replica makes them ({@link VoteLogFormat}), so that after a crash of the
 * whole group every replica finds the votes it gave and the views it entered.
 *
 * <p>How a driver uses it, on the replica's owner thread:
 * <ol>
 *   <li>{@link #open} at start: it replays the file into {@link #replayed()}, the state the replica
 *       resumes from, cutting a record a crash left half-written at the end.</li>
 *   <li>Hand it to the replica as its {@link DurableLog}. Each record is appended to a buffer in memory,
 *       nothing is written yet.</li>
 *   <li>After each round of events, {@link #checkpointWritten} with the newest checkpoint stored, then
 *       {@link #sync()}, and only then send the round's messages (group commit: one force per round).</li>
 * </ol>
 *
 * <p>Records at or below a stable checkpoint are void only once that checkpoint is written: the core's
 * {@link #stable} is remembered, and a STABLE record is appended when {@link #checkpointWritten} says the
 * checkpoint is on disk. When the file has grown past {@link #COMPACTION_BYTES_MIN} and twice its last
 * snapshot, {@link #sync()} replaces it with a snapshot of what it holds above that checkpoint (written
 * to a temporary file, forced, renamed, the directory forced), so that the file stays bounded by the
 * log window. A crash at any step leaves the old file or the new one, each of which replays to the
 * same state, less the records not yet synced.
 *
 * <p>Damage other than a cut tail (a record whose checksum fails with valid records or other data after
 * it, a record that does not decode, a wrong header) is refused with a {@link CorruptVoteLogException}
 * naming the file: a replica must not start without the promises it made.
 *
 * <p>One owner thread; {@link #close} may come from another, so the file operations are synchronized.
 */
public final class VoteLog implements DurableLog, AutoCloseable {

    public static final String FILE_NAME = "votes.log";
    /** A file smaller than this is never compacted: a rewrite per checkpoint would cost more than it saves. */
    public static final long COMPACTION_BYTES_MIN = 8L * 1024 * 1024;
    private static final int BUFFER_BYTES_INITIAL = 64 * 1024;

    private final DurableDirectory directory;
    private final Path file;
    private final VoteLogFormat format;
    private final Forcing forcing;
    private final long compactionBytesMin;
    /** Everything appended, folded: what a replay of the file gives once the buffer is synced. */
    private final LoggedState folded;
    private final int recordsReplayed;
    private final long bytesCut;
    private FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES_INITIAL);
    private long fileBytes;
    private long snapshotBytes;
    /** The newest checkpoint the replica found stable; records at or below it become void once it is written. */
    private long stableSeen;
    private volatile long syncs;
    private volatile long bytesLogged;
    private volatile long compactions;

    private VoteLog(DurableDirectory directory, VoteLogFormat format, Forcing forcing, long compactionBytesMin,
                    LoggedState folded, Replay replay) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.format = format;
        this.forcing = forcing;
        this.compactionBytesMin = compactionBytesMin;
        this.folded = folded;
        this.recordsReplayed = replay.records;
        this.bytesCut = replay.bytesCut;
        this.fileBytes = replay.validBytes;
        // The last snapshot's size is not known after a restart: a file past compactionBytesMin compacts at once.
        this.snapshotBytes = VoteLogFormat.FILE_HEADER_BYTES;
    }

    /** The largest record a group with {@code limits} can make: a vote, its batch and every large body it names. */
    public static int recordBytesMaxFor(WireLimits limits) {
        long frames = (long) limits.batchRequestsMax() + 1;
        long bytes = 64 + frames * (Integer.BYTES + (long) limits.frameBytesMax())
                + (long) limits.batchRequestsMax() * Digest.LENGTH;
        return (int) Math.min(bytes, Integer.MAX_VALUE - VoteLogFormat.RECORD_HEADER_BYTES);
    }

    /**
     * Opens the vote log in {@code directory} (created if needed) and replays it.
     *
     * @param codec the group's codec, which the log's messages are written and read with
     * @throws CorruptVoteLogException if the file is damaged elsewhere than at its tail
     */
    public static VoteLog open(Path directory, MessageCodec codec) throws IOException {
        return open(directory, codec, recordBytesMaxFor(codec.limits()), COMPACTION_BYTES_MIN, StepObserver.NONE,
                Forcing.TO_DISK);
    }

    static VoteLog open(Path directory, MessageCodec codec, int recordBytesMax, long compactionBytesMin,
                        StepObserver observer, Forcing forcing) throws IOException {
        Files.createDirectories(directory);
        DurableDirectory durable = new DurableDirectory(directory, observer, forcing, new StorageCounters());
        durable.delete(FILE_NAME + DurableDirectory.TEMPORARY_SUFFIX);
        if (!Files.exists(durable.resolve(FILE_NAME))) {
            durable.writeAtomically(FILE_NAME, VoteLogFormat.fileHeader());
        }
        VoteLogFormat format = new VoteLogFormat(codec, recordBytesMax);
        LoggedState folded = new LoggedState();
        Replay replay = Replay.read(durable.resolve(FILE_NAME), format, folded);
        VoteLog log = new VoteLog(durable, format, forcing, compactionBytesMin, folded, replay);
        log.openForAppend(replay.bytesCut > 0);
        return log;
    }

    private void openForAppend(boolean cut) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        if (cut) {
            // Appending after the torn record would hide every later record behind it at the next replay.
            channel.truncate(fileBytes);
            force();
        }
        channel.position(fileBytes);
    }

    /**
     * What the file held when opened, folded: hand it to the replica before any event. The same object
     * then keeps folding what is appended; the replica reads it only while it is constructed.
     */
    public LoggedState replayed() {
        return folded;
    }

    /** Records read from the file at open. */
    public int recordsReplayed() {
        return recordsReplayed;
    }

    /** Bytes of a torn last record cut from the file at open (0 when it ended cleanly). */
    public long bytesCut() {
        return bytesCut;
    }

    @Override
    public void viewEntered(long view, boolean active) {
        folded.viewEntered(view, active);
        append(format.viewEntered(view, active));
    }

    @Override
    public void voted(long view, long sequence, Digest batchDigest, PrePrepare batch, List<Digest> entryDigests,
                      List<Request> largeBodies, boolean accepted) {
        folded.voted(view, sequence, batchDigest, batch, entryDigests, largeBodies, accepted);
        append(format.voted(view, sequence, batchDigest, batch, entryDigests, largeBodies, accepted));
    }

    @Override
    public void prepared(long view, long sequence, Digest batchDigest) {
        folded.prepared(view, sequence, batchDigest);
        append(format.prepared(view, sequence, batchDigest));
    }

    /** Remembered only: the records it voids stay until the checkpoint is written ({@link #checkpointWritten}). */
    @Override
    public void stable(long sequence) {
        stableSeen = Math.max(stableSeen, sequence);
    }

    /**
     * Checkpoint {@code written} is stored: once the replica also found it stable, the records at or
     * below it are void, and a STABLE record (synced with the next {@link #sync()}) says so.
     */
    public void checkpointWritten(long written) {
        long voidUpTo = Math.min(written, stableSeen);
        if (voidUpTo > folded.stable()) {
            folded.stable(voidUpTo);
            append(format.stable(voidUpTo));
        }
    }

    private void append(ByteBuffer record) {
        if (buffer.remaining() < record.remaining()) {
            int needed = buffer.position() + record.remaining();
            ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, 2 * buffer.capacity()));
            larger.put(buffer.flip());
            buffer = larger;
        }
        buffer.put(record);
    }

    /** Whether records were appended since the last {@link #sync()}. */
    public boolean isDirty() {
        return buffer.position() > 0;
    }

    /**
     * Writes the records appended since the last call and forces them to disk (or compacts the file, which
     * writes them too); when it returns, they survive a crash. Does nothing if none were appended.
     *
     * @throws ClosedChannelException after {@link #close()}
     */
    public synchronized void sync() throws IOException {
        if (channel == null) {
            throw new ClosedChannelException();
        }
        if (!isDirty()) {
            return;
        }
        long bytes = buffer.position();
        if (fileBytes + bytes > Math.max(compactionBytesMin, 2 * snapshotBytes)) {
            compact();
            return;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
        force();
        fileBytes += bytes;
        bytesLogged += bytes;
        syncs++;
    }

    /** Replaces the file by the records that rebuild {@link #folded}: what the file and the buffer hold together. */
    private void compact() throws IOException {
        ByteBuffer snapshot = snapshot();
        int length = snapshot.remaining();
        channel.close();
        channel = null;
        buffer.clear();
        directory.writeAtomically(FILE_NAME, snapshot);
        fileBytes = length;
        snapshotBytes = length;
        bytesLogged += length;
        syncs++;
        compactions++;
        openForAppend(false);
    }

    /**
     * The file that replays to {@link #folded}: the stable checkpoint, the view, and per sequence number
     * the accepted votes oldest first, the latest vote if it was a partial one, and what prepared.
     */
    ByteBuffer snapshot() {
        SnapshotWriter out = new SnapshotWriter();
        out.add(VoteLogFormat.fileHeader());
        if (!folded.isEmpty()) {
            if (folded.stable() > 0) {
                out.add(format.stable(folded.stable()));
            }
            out.add(format.viewEntered(folded.view(), folded.viewActive()));
            for (Map.Entry<Long, LoggedState.Slot> entry : folded.slots().entrySet()) {
                long sequence = entry.getKey();
                LoggedState.Slot slot = entry.getValue();
                for (LoggedState.Vote vote : slot.accepted()) {
                    out.add(vote(sequence, vote));
                }
                LoggedState.Vote latest = slot.latestVote();
                if (latest != null && !latest.accepted()) {
                    out.add(vote(sequence, latest));
                }
                if (slot.preparedDigest() != null) {
                    out.add(format.prepared(slot.preparedView(), sequence, slot.preparedDigest()));
                }
            }
        }
        return out.finish();
    }

    private ByteBuffer vote(long sequence, LoggedState.Vote vote) {
        return format.voted(vote.view(), sequence, vote.batchDigest(), vote.batch(), vote.entryDigests(),
                vote.largeBodies(), vote.accepted());
    }

    private void force() throws IOException {
        if (forcing == Forcing.TO_DISK) {
            // The file's length changes with every append, but force(false) still writes the metadata
            // needed to read the data back (fdatasync), which is all a replay needs.
            channel.force(false);
        }
    }

    /** Forces done: one per {@link #sync()} that had records, compactions included. */
    public long syncs() {
        return syncs;
    }

    /** Bytes written to the file: records appended and snapshots. */
    public long bytesLogged() {
        return bytesLogged;
    }

    public long compactions() {
        return compactions;
    }

    /** The file's length, header included, as synced. Owner thread. */
    public long fileBytes() {
        return fileBytes;
    }

    public Path file() {
        return file;
    }

    /**
     * Closes the file without writing what was appended since the last {@link #sync()}: the messages
     * those records justify never left, so they are as if never made (a crash loses them the same way).
     */
    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Collects a snapshot's records into one buffer. */
    private static final class SnapshotWriter {
        private final java.util.ArrayList<ByteBuffer> parts = new java.util.ArrayList<>();
        private long length;

        void add(ByteBuffer part) {
            parts.add(part);
            length += part.remaining();
        }

        ByteBuffer finish() {
            if (length > Integer.MAX_VALUE) {
                throw new IllegalStateException("vote log snapshot of " + length + " bytes");
            }
            ByteBuffer out = ByteBuffer.allocate((int) length);
            parts.forEach(out::put);
            return out.flip();
        }
    }

    /** The file as read at open: where its valid records end, and what was cut after them. */
    private static final class Replay {
        private final ByteBuffer content;
        private final VoteLogFormat format;
        private final Path file;
        private final LoggedState into;
        private int records;
        private long validBytes;
        private long bytesCut;

        private Replay(Path file, ByteBuffer content, VoteLogFormat format, LoggedState into) {
            this.file = file;
            this.content = content;
            this.format = format;
            this.into = into;
        }

        /** Reads {@code file} and applies its records to {@code into}. */
        static Replay read(Path file, VoteLogFormat format, LoggedState into) throws IOException {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE) {
                throw new CorruptVoteLogException(file, "a vote log of " + size + " bytes, larger than any this"
                        + " version writes");
            }
            Replay replay = new Replay(file, ByteBuffer.wrap(Files.readAllBytes(file)), format, into);
            replay.scan();
            return replay;
        }

        private void scan() throws CorruptVoteLogException {
            if (content.remaining() < VoteLogFormat.FILE_HEADER_BYTES || content.getInt() != VoteLogFormat.MAGIC) {
                throw new CorruptVoteLogException(file, "not a vote log (no header)");
            }
            int version = content.getInt();
            if (version != VoteLogFormat.VERSION) {
                throw new CorruptVoteLogException(file, "vote log version " + version + ", this version reads "
                        + VoteLogFormat.VERSION);
            }
            while (content.hasRemaining()) {
                int start = content.position();
                if (!readRecord(start)) {
                    bytesCut = content.limit() - start;
                    break;
                }
            }
            validBytes = content.limit() - bytesCut;
        }

        /** Reads and applies the record at {@code start}; false if it is a torn tail, which ends the log. */
        private boolean readRecord(int start) throws CorruptVoteLogException {
            if (content.remaining() < VoteLogFormat.RECORD_HEADER_BYTES + 1) {
                return false;
            }
            int length = content.getInt();
            int checksum = content.getInt();
            if (length < 1 || length > format.recordBytesMax()) {
                return tornOrCorrupt(start, "a record length of " + length + " bytes");
            }
            if (length > content.remaining()) {
                return false; // its end never reached the disk
            }
            int crc = VoteLogFormat.checksum(content, length);
            ByteBuffer body = content.slice(content.position(), length);
            content.position(content.position() + length);
            if (crc != checksum) {
                return tornOrCorrupt(start, "a record whose CRC32C does not match");
            }
            String problem = format.apply(body, into);
            if (problem != null) {
                // The checksum matched, so a writer wrote this: another version's file, or a bug.
                throw new CorruptVoteLogException(file, problem + " at byte " + start);
            }
            records++;
            return true;
        }

        /**
         * A bad record is a torn tail if nothing but zeros follows it (a file system may extend a file
         * before its data lands); anything else after it means the damage is before the end.
         */
        private boolean tornOrCorrupt(int start, String what) throws CorruptVoteLogException {
            for (int i = content.position(); i < content.limit(); i++) {
                if (content.get(i) != 0) {
                    throw new CorruptVoteLogException(file, what + " at byte " + start + ", with "
                            + (content.limit() - content.position()) + " bytes after it: the log is damaged"
                            + " before its end, and the replica cannot know the votes it gave");
                }
            }
            return false;
        }
    }
}
