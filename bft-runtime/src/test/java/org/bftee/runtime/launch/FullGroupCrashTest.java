package org.bftee.runtime.launch;

import static org.bftee.runtime.launch.KvOps.get;
import static org.bftee.runtime.launch.KvOps.put;
import static org.bftee.runtime.launch.KvOps.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.config.Durability;
import org.bftee.runtime.driver.ReplicaStatus;
import org.bftee.runtime.storage.VoteLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability across a crash of the whole group (docs/durability.md), on loopback with real sockets and
 * disks: with {@code durability = synced} every replica stops at once while a client writes, all restart
 * from their state directories, and every write the client saw acknowledged is there.
 */
class FullGroupCrashTest {

    private static final ProtocolTimeouts TIMEOUTS = new ProtocolTimeouts(Duration.ofMillis(500),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5));
    /** Checkpoints every 8 batches, a window of 32: checkpoints are written and the logs compact during the run. */
    private static final ProtocolLimits LIMITS = new ProtocolLimits(32, 8, 64, 256 * 1024, 4, 1024 * 1024,
            1024 * 1024, 4096, 64);

    private LocalGroup group;

    @AfterEach
    void stopEverything() {
        if (group != null) {
            group.close();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesACrashOfEveryReplicaAtOnce(@TempDir Path states) throws Exception {
        group = LocalGroup.start(1, 2, LIMITS, TIMEOUTS, replica -> new KvService(KvLimits.defaults()),
                ObjectStoreLimits.defaults(), states, Durability.SYNCED);
        BftClient writer = group.connectClient(0, BftClientOptions.defaults().withLanes(4));
        for (int i = 0; i < 40; i++) {
            writer.invoke(put("settled-" + i, "v" + i), false);
        }
        // Writes in flight when the group stops: some acknowledged, some not.
        Map<String, CompletableFuture<Bytes>> inFlight = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            inFlight.put("racing-" + i, writer.invokeAsync(put("racing-" + i, "v" + i), false));
            if (i == 120) {
                inFlight.values().iterator().next().get(20, TimeUnit.SECONDS);
            }
        }
        long syncs = 0;
        for (int id = 0; id < group.config().n(); id++) {
            syncs += group.replica(id).status().voteLog().syncs();
        }
        for (int id = 0; id < group.config().n(); id++) {
            group.killReplica(id);
        }
        Map<String, String> acknowledged = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            acknowledged.put("settled-" + i, "v" + i);
        }
        inFlight.forEach((key, call) -> {
            if (call.isDone() && !call.isCompletedExceptionally()) {
                acknowledged.put(key, "v" + key.substring("racing-".length()));
            }
        });
        assertTrue(syncs > 0, "the replicas synced their vote logs");
        for (int id = 0; id < group.config().n(); id++) {
            assertTrue(Files.size(group.stateDirectory(id).resolve(VoteLog.FILE_NAME)) > 0);
        }

        for (int id = 0; id < group.config().n(); id++) {
            group.startReplica(id);
        }
        BftClient reader = group.connectClient(1, BftClientOptions.defaults().withCallTimeout(Duration.ofSeconds(30)));
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, String> write : acknowledged.entrySet()) {
            String value = valueOf(reader.invoke(get(write.getKey()), true));
            if (!write.getValue().equals(value)) {
                lost.add(write.getKey() + " = " + value);
            }
        }
        assertEquals(List.of(), lost, "acknowledged writes lost after the crash (" + acknowledged.size()
                + " acknowledged)");
        reader.invoke(put("after", "restart"), false);
        assertEquals("restart", valueOf(reader.invoke(get("after"), true)));
        for (int id = 0; id < group.config().n(); id++) {
            ReplicaStatus status = group.replica(id).status();
            assertTrue(status.lastExecuted() > 0, status.toString());
        }
    }

    @Test
    void syncedWithoutAStateDirectoryIsRefusedNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LocalGroup.start(1, 1, LIMITS, TIMEOUTS, replica -> new KvService(KvLimits.defaults()),
                        ObjectStoreLimits.defaults(), null, Durability.SYNCED));
        assertTrue(refused.getMessage().contains("durability = synced"), refused.getMessage());
        assertTrue(refused.getMessage().contains("state directory"), refused.getMessage());
    }

    @Test
    void memoryModeWritesNoVoteLog(@TempDir Path states) throws Exception {
        group = LocalGroup.start(1, 1, LIMITS, TIMEOUTS, replica -> new KvService(KvLimits.defaults()),
                ObjectStoreLimits.defaults(), states);
        BftClient client = group.connectClient(0, BftClientOptions.defaults());
        client.invoke(put("k", "v"), false);
        assertEquals("v", valueOf(client.invoke(get("k"), true)));
        for (int id = 0; id < group.config().n(); id++) {
            assertEquals(0, group.replica(id).status().voteLog().syncs());
            assertTrue(Files.notExists(group.stateDirectory(id).resolve(VoteLog.FILE_NAME)));
        }
    }
}
