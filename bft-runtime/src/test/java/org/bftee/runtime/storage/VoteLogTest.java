package org.bftee.runtime.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;
import org.bftee.core.replica.DurableLog;
import org.bftee.core.replica.LoggedState;
import org.bftee.runtime.storage.StepScript.SimulatedCrash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vote log: what is synced replays to what was logged; a torn tail is cut; damage before the end is
 * refused; compaction keeps only what is above the written checkpoint, and a crash at any of its steps
 * leaves a log that replays to the state before it or after it.
 */
class VoteLogTest {

    private static final int N = 4;
    private static final MessageCodec CODEC = new MessageCodec(7, WireLimits.forGroup(ProtocolLimits.defaults(), N));
    /** Large enough that no test compacts unless it asks to. */
    private static final long NEVER = Long.MAX_VALUE / 4;

    @TempDir
    Path dir;

    private final Random random = new Random(42);

    @Test
    void replayGivesWhatWasLogged() throws IOException {
        LoggedState expected = new LoggedState();
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            assertTrue(log.replayed().isEmpty());
            logSome(log, expected, 1, 12, 0);
            log.sync();
            assertEquals(1, log.syncs());
        }
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            assertSameState(expected, log.replayed());
            assertTrue(log.recordsReplayed() > 12);
            assertEquals(0, log.bytesCut());
        }
    }

    @Test
    void recordsNotSyncedAreNotReplayed() throws IOException {
        LoggedState expected = new LoggedState();
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            logSome(log, expected, 1, 4, 0);
            log.sync();
            logSome(log, new LoggedState(), 5, 8, 0);
            assertTrue(log.isDirty());
        }
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            assertSameState(expected, log.replayed());
        }
    }

    @Test
    void aTornLastRecordIsCutAndLaterRecordsFollowIt() throws IOException {
        LoggedState before = new LoggedState();
        LoggedState after = new LoggedState();
        long goodLength;
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            logSome(List.of(log, before, after), 1, 5, 0);
            log.sync();
            goodLength = log.fileBytes();
            log.voted(0, 6, digest(), prePrepare(0, 6), List.of(digest()), List.of(request(6)), true);
            log.sync();
        }
        Path file = dir.resolve(VoteLog.FILE_NAME);
        byte[] whole = Files.readAllBytes(file);
        for (int length = (int) goodLength; length < whole.length; length++) {
            Files.write(file, Arrays.copyOf(whole, length));
            try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
                assertSameState(before, log.replayed());
                assertEquals(length - goodLength, log.bytesCut(), "cut at " + length);
            }
            assertEquals(goodLength, Files.size(file), "the torn record is cut from the file at " + length);
        }
        // A torn record followed by zeros (a file extended before its data landed) is a torn tail too.
        byte[] zeros = Arrays.copyOf(whole, whole.length + 100);
        Arrays.fill(zeros, (int) goodLength + 20, zeros.length, (byte) 0);
        Files.write(file, zeros);
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            assertSameState(before, log.replayed());
            logSome(log, after, 7, 9, 0);
            log.sync();
        }
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            assertSameState(after, log.replayed());
        }
    }

    @Test
    void damageBeforeTheEndIsRefusedNamingTheFile() throws IOException {
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            logSome(log, new LoggedState(), 1, 5, 0);
            log.sync();
        }
        Path file = dir.resolve(VoteLog.FILE_NAME);
        byte[] content = Files.readAllBytes(file);
        // Inside the first record's payload (after the file header, the record header and the kind).
        content[VoteLogFormat.FILE_HEADER_BYTES + VoteLogFormat.RECORD_HEADER_BYTES + 3] ^= 0x40;
        Files.write(file, content);
        CorruptVoteLogException refused = assertThrows(CorruptVoteLogException.class,
                () -> open(dir, NEVER, StepObserver.NONE));
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("CRC32C"), refused.getMessage());

        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThrows(CorruptVoteLogException.class, () -> open(dir, NEVER, StepObserver.NONE));
    }

    @Test
    void recordsAtOrBelowACheckpointGoOnlyOnceItIsStableAndWritten() throws IOException {
        LoggedState expected = new LoggedState();
        try (VoteLog log = open(dir, 1, StepObserver.NONE)) {
            logSome(log, expected, 1, 30, 0);
            log.checkpointWritten(20); // written but not yet stable here: nothing goes
            log.stable(10); // stable but not yet written: nothing goes
            log.sync();
            assertEquals(30, log.replayed().slots().size());
            log.checkpointWritten(10);
            expected.stable(10);
            log.sync();
            assertTrue(log.compactions() >= 1);
        }
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            assertSameState(expected, log.replayed());
            assertEquals(11L, log.replayed().slots().firstKey());
            assertEquals(10, log.replayed().stable());
        }
    }

    @Test
    void compactionKeepsTheFileBounded() throws IOException {
        LoggedState expected = new LoggedState();
        long largest = 0;
        try (VoteLog log = open(dir, 64 * 1024, StepObserver.NONE)) {
            for (long checkpoint = 0; checkpoint < 4000; checkpoint += 20) {
                logSome(log, expected, checkpoint + 1, checkpoint + 20, checkpoint / 200);
                log.stable(checkpoint);
                log.checkpointWritten(checkpoint);
                expected.stable(checkpoint);
                log.sync();
                largest = Math.max(largest, log.fileBytes());
            }
            assertTrue(log.compactions() > 5, "compactions " + log.compactions());
        }
        assertTrue(largest < 4 * 64 * 1024, "the log reached " + largest + " bytes");
        try (VoteLog log = open(dir, NEVER, StepObserver.NONE)) {
            assertSameState(expected, log.replayed());
        }
    }

    @Test
    void aCrashAtEveryStepOfACompactionLeavesTheStateBeforeOrAfterIt() throws IOException {
        StepScript script = new StepScript();
        for (int point = 0; ; point++) {
            Path attempt = dir.resolve("crash-" + point);
            LoggedState before = new LoggedState();
            LoggedState after = new LoggedState();
            try (VoteLog log = open(attempt, NEVER, StepObserver.NONE)) {
                logSome(List.of(log, before, after), 1, 20, 0);
                log.sync();
            }
            boolean crashed;
            List<String> reached;
            try (VoteLog log = open(attempt, 1, script)) {
                logSome(log, after, 21, 25, 1);
                log.stable(15);
                log.checkpointWritten(15);
                after.stable(15);
                script.arm(point);
                try {
                    log.sync();
                    crashed = false;
                    assertEquals(1, log.compactions());
                } catch (SimulatedCrash crash) {
                    crashed = true;
                }
                reached = script.reached();
                script.disarm();
            }
            try (VoteLog log = open(attempt, NEVER, StepObserver.NONE)) {
                // A point is in reached once passed: past "before RENAME", the rename happened.
                boolean renamed = reached.contains("before RENAME " + VoteLog.FILE_NAME);
                assertSameState(renamed ? after : before, log.replayed());
            }
            assertFalse(Files.exists(attempt.resolve(VoteLog.FILE_NAME + DurableDirectory.TEMPORARY_SUFFIX)));
            if (!crashed) {
                assertTrue(point >= 6, "a compaction has at least six step points, crashed at " + point);
                return;
            }
        }
    }

    // ---- helpers ----

    private static VoteLog open(Path directory, long compactionBytesMin, StepObserver observer) throws IOException {
        return VoteLog.open(directory, CODEC, VoteLog.recordBytesMaxFor(CODEC.limits()), compactionBytesMin, observer,
                Forcing.SKIPPED_IN_CRASH_TESTS);
    }

    /**
     * Logs to both: per sequence number in [first, last], an accepted vote (with a large body), for
     * every third a partial vote after it, for every second a prepared batch; a view change at the start.
     */
    private void logSome(DurableLog log, LoggedState expected, long first, long last, long view) {
        logSome(List.of(log, expected), first, last, view);
    }

    private void logSome(List<DurableLog> both, long first, long last, long view) {
        both.forEach(l -> l.viewEntered(view, false));
        both.forEach(l -> l.viewEntered(view, true));
        for (long sequence = first; sequence <= last; sequence++) {
            long s = sequence;
            Digest batchDigest = digest();
            PrePrepare batch = prePrepare(view, s);
            List<Digest> entries = List.of(digest(), digest());
            List<Request> bodies = List.of(request(s));
            both.forEach(l -> l.voted(view, s, batchDigest, batch, entries, bodies, true));
            if (s % 3 == 0) {
                Digest other = digest();
                PrePrepare otherBatch = prePrepare(view, s);
                both.forEach(l -> l.voted(view, s, other, otherBatch, List.of(), List.of(), false));
            }
            if (s % 2 == 0) {
                both.forEach(l -> l.prepared(view, s, batchDigest));
            }
        }
    }

    private PrePrepare prePrepare(long view, long sequence) {
        List<BatchEntry> entries = new ArrayList<>();
        entries.add(new InlineRequest(request(sequence)));
        entries.add(new RequestDigest(1001, 0, sequence, digest()));
        return new PrePrepare(view, sequence, Bytes.wrap(new byte[] {1, 2, 3, (byte) sequence}), entries);
    }

    private Request request(long timestamp) {
        byte[] operation = new byte[8 + random.nextInt(40)];
        random.nextBytes(operation);
        byte[] tags = new byte[N * 16];
        random.nextBytes(tags);
        return new Request(1000, 0, timestamp, 0, Bytes.wrap(operation), Authenticator.wrap(tags, 16));
    }

    private Digest digest() {
        byte[] bytes = new byte[Digest.LENGTH];
        random.nextBytes(bytes);
        return Digest.of(bytes);
    }

    private static void assertSameState(LoggedState expected, LoggedState actual) {
        assertEquals(describe(expected), describe(actual));
    }

    private static Map<String, Object> describe(LoggedState state) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("empty", state.isEmpty());
        described.put("view", state.view());
        described.put("viewActive", state.viewActive());
        described.put("stable", state.stable());
        state.slots().forEach((sequence, slot) -> described.put("slot " + sequence, List.of(slot.accepted(),
                String.valueOf(slot.latestVote()), slot.preparedView(), String.valueOf(slot.preparedDigest()))));
        return described;
    }
}
