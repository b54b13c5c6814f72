package org.bftee.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scenarios every transport must pass (STYLE rule 12, after Ratis' {@code RaftBasicTests}):
 * a subclass per transport says how to start a group. Names say what the paper promises.
 */
public abstract class GroupScenarios {

    private ScenarioGroup group;

    /** Starts a group of {@code 3f + 1} replicas running the key-value service, with {@code clients} client principals. */
    protected abstract ScenarioGroup start(int f, int clients);

    private ScenarioGroup group(int f, int clients) {
        group = start(f, clients);
        return group;
    }

    @AfterEach
    void stopTheGroup() {
        if (group != null) {
            group.close();
        }
    }

    @Test
    void whatOneClientWritesAnotherReadsBackThroughEveryPath() {
        ScenarioGroup group = group(1, 2);
        assertEquals(ResultCode.OK, code(group.invoke(0, put("k", "v"), false)));

        assertEquals(Optional.of("v"), value(group.invoke(1, get("k"), false)));
        assertEquals(Optional.of("v"), value(group.invoke(1, get("k"), true)));
        group.awaitExecutedEverywhere(2);
    }

    @Test
    void concurrentRequestsOfOneClientAllExecuteExactlyOnce() {
        ScenarioGroup group = group(1, 1);
        List<KvOperation> puts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            puts.add(put("k" + i, "v" + i));
        }
        group.invokeAll(0, puts).forEach(result -> assertEquals(ResultCode.OK, code(result)));

        group.awaitExecutedEverywhere(40);
        for (int replica = 0; replica < group.n(); replica++) {
            assertEquals(40, group.requestsExecuted(replica), "replica " + replica);
        }
    }

    @Test
    void aCrashedBackupDoesNotStopTheGroup() {
        ScenarioGroup group = group(1, 1);
        group.crash(3);
        for (int i = 0; i < 10; i++) {
            group.invoke(0, put("k", "v" + i), false);
        }
        assertEquals(Optional.of("v9"), value(group.invoke(0, get("k"), false)));
        assertEquals(0, group.view(1), "no view change without a reason");
    }

    @Test
    void aCrashedPrimaryIsReplacedAndNothingCommittedIsLost() {
        ScenarioGroup group = group(1, 1);
        group.invoke(0, put("before", "1"), false);
        group.crash(0);
        List<KvOperation> puts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            puts.add(put("after" + i, "2"));
        }
        group.invokeAll(0, puts);

        assertEquals(Optional.of("1"), value(group.invoke(0, get("before"), false)));
        for (int replica = 1; replica < group.n(); replica++) {
            assertTrue(group.view(replica) >= 1 && group.viewActive(replica), "replica " + replica + " changed view");
        }
    }

    @Test
    void twoConsecutiveCrashedPrimariesAtFTwoAreReplacedInTurn() {
        ScenarioGroup group = group(2, 1);
        group.crash(0);
        group.crash(1);
        group.invoke(0, put("k", "v"), false);

        assertEquals(Optional.of("v"), value(group.invoke(0, get("k"), true)));
        for (int replica = 2; replica < group.n(); replica++) {
            assertTrue(group.view(replica) >= 2, "replica " + replica + " is past the two crashed primaries");
        }
    }

    protected static KvOperation put(String key, String value) {
        return new KvOperation.Put(bytes(key), bytes(value));
    }

    protected static KvOperation get(String key) {
        return new KvOperation.Get(bytes(key));
    }

    private static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ResultCode code(Bytes result) {
        return ServiceResult.decode(result).orElseThrow().code();
    }

    private static Optional<String> value(Bytes result) {
        ServiceResult decoded = ServiceResult.decode(result).orElseThrow();
        return decoded.code() == ResultCode.NOT_FOUND ? Optional.empty()
                : Optional.of(new String(decoded.payload().toByteArray(), StandardCharsets.UTF_8));
    }
}
