package org.bftee.core.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.bftee.core.crypto.Authenticator;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.junit.jupiter.api.Test;

/** Scenario tests of the normal case, named after the rules of the paper they check. */
class NormalCaseScenarioTest {

    private final ReplicaCluster cluster = new ReplicaCluster(1, ReplicaCluster.smallLimits());

    private static Bytes put(String key, String value) {
        return KvOperations.encode(new KvOperation.Put(bytes(key), bytes(value)));
    }

    private static Bytes get(String key) {
        return KvOperations.encode(new KvOperation.Get(bytes(key)));
    }

    private static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestSentToThePrimaryIsExecutedByEveryReplicaAtTheSameSequenceNumber() {
        Request request = cluster.request(0, put("a", "1"), 0);
        cluster.clientSends(0, request);
        cluster.run();
        for (Replica replica : cluster.replicas) {
            assertEquals(1, replica.lastExecuted(), "replica " + replica.id());
            assertEquals(1, replica.lastCommitted(), "replica " + replica.id());
        }
        assertEquals(4, cluster.replies(request.timestamp()).size());
    }

    @Test
    void oneDesignatedReplicaSendsTheFullResultAndTheOthersItsDigest() {
        Request request = cluster.request(0, put("a", "1"), 0);
        cluster.clientSends(0, request);
        cluster.run();
        List<Reply> replies = cluster.replies(request.timestamp());
        long full = replies.stream().filter(r -> (r.flags() & Reply.DIGEST_ONLY) == 0).map(Reply::replica)
                .distinct().count();
        assertEquals(1, full);
    }

    @Test
    void aBatchIsExecutedTentativelyOnceItIsPreparedAndTheReplySaysSo() {
        // Commits are lost: replicas prepare and execute tentatively but cannot commit.
        cluster.filter = (envelope, c) -> !(envelope.message() instanceof Commit);
        Request request = cluster.request(0, put("a", "1"), 0);
        cluster.clientSends(0, request);
        cluster.run();
        for (Replica replica : cluster.replicas) {
            assertEquals(1, replica.lastExecuted());
            assertEquals(0, replica.lastCommitted());
        }
        assertTrue(cluster.replies(request.timestamp()).stream().allMatch(r -> (r.flags() & Reply.TENTATIVE) != 0));
        // Retransmission repairs the lost commits.
        cluster.filter = (envelope, c) -> true;
        cluster.statusRound();
        cluster.replicas.forEach(replica -> assertEquals(1, replica.lastCommitted()));
    }

    @Test
    void aRetransmittedRequestGetsTheCachedReplyAndIsNotExecutedAgain() {
        Request request = cluster.request(0, put("a", "1"), 0);
        cluster.clientSends(0, request);
        cluster.run();
        cluster.clientMulticasts(request);
        cluster.run();
        cluster.replicas.forEach(replica -> assertEquals(1, replica.counters().requestsExecuted()));
        assertEquals(8, cluster.replies(request.timestamp()).size());
    }

    @Test
    void anOlderTimestampOnALaneIsIgnored() {
        Request first = cluster.request(0, 5, put("a", "1"), 0);
        Request second = cluster.request(0, 6, put("a", "2"), 0);
        cluster.clientSends(0, first);
        cluster.clientSends(0, second);
        cluster.run();
        cluster.clientSends(0, first);
        cluster.run();
        assertEquals(1, cluster.replicas.get(0).counters().dropped(DropReason.OLD_TIMESTAMP));
        cluster.replicas.forEach(replica -> assertEquals(2, replica.counters().requestsExecuted()));
    }

    @Test
    void aReadOnlyRequestIsExecutedAtOnceWithoutOrdering() {
        cluster.clientSends(0, cluster.request(0, put("k", "v"), 0));
        cluster.run();
        Request read = cluster.request(1, get("k"), Request.READ_ONLY);
        cluster.clientMulticasts(read);
        cluster.run();
        cluster.replicas.forEach(replica -> assertEquals(1, replica.lastExecuted(), "no batch for a read"));
        List<Reply> replies = cluster.replies(read.timestamp());
        assertEquals(4, replies.size());
        Reply full = replies.stream().filter(r -> (r.flags() & Reply.DIGEST_ONLY) == 0).findFirst().orElseThrow();
        assertEquals(Optional.of(bytes("v")), ServiceResult.decode(full.result()).map(ServiceResult::payload));
    }

    @Test
    void aReadOnlyRequestThatWritesIsRefused() {
        Request sneaky = cluster.request(0, put("k", "v"), Request.READ_ONLY);
        cluster.clientMulticasts(sneaky);
        cluster.run();
        cluster.replicas.forEach(replica -> {
            assertEquals(1, replica.counters().dropped(DropReason.READ_ONLY_REQUEST_WRITES));
            assertEquals(0, replica.lastExecuted());
        });
    }

    @Test
    void aLargeRequestTravelsSeparatelyAndThePrePrepareCarriesOnlyItsDigest() {
        String big = "x".repeat(4000);
        Request request = cluster.request(0, put("big", big), 0);
        cluster.clientMulticasts(request);
        cluster.run();
        cluster.replicas.forEach(replica -> assertEquals(1, replica.lastCommitted()));
        PrePrepare prePrepare = cluster.delivered.stream().map(ReplicaCluster.Envelope::message)
                .filter(PrePrepare.class::isInstance).map(PrePrepare.class::cast).findFirst().orElseThrow();
        assertTrue(prePrepare.batch().get(0) instanceof RequestDigest);
    }

    @Test
    void aBackupThatLacksALargeRequestBodyDoesNotPrepareUntilItHasIt() {
        Request request = cluster.request(0, put("big", "y".repeat(4000)), 0);
        // Backup 3 never hears from the client.
        cluster.filter = (envelope, c) -> !(envelope.to() == 3 && envelope.message() instanceof Request);
        cluster.clientMulticasts(request);
        cluster.run();
        assertEquals(0, cluster.replicas.get(3).lastExecuted());
        assertTrue(cluster.delivered.stream().noneMatch(e -> e.from() == 3 && e.message() instanceof Prepare));
        // The others committed without it; retransmission brings it the body and the votes.
        cluster.filter = (envelope, c) -> true;
        cluster.statusRound();
        assertEquals(1, cluster.replicas.get(3).lastCommitted());
    }

    @Test
    void aBackupDoesNotAcceptAPrePrepareOutsideItsWaterMarks() {
        Request request = cluster.request(0, put("a", "1"), 0);
        PrePrepare outside = new PrePrepare(0, 17, org.bftee.core.replica.ReplicaContext.encodeTime(cluster.nowMillis),
                List.of(new InlineRequest(request)));
        cluster.replicas.get(1).onMessage(0, outside);
        assertEquals(1, cluster.replicas.get(1).counters().dropped(DropReason.OUTSIDE_WATER_MARKS));
    }

    @Test
    void aBackupRefusesAPrePrepareWhoseTimeIsTooFarFromItsClock() {
        Request request = cluster.request(0, put("a", "1"), 0);
        PrePrepare skewed = new PrePrepare(0, 1, ReplicaContext.encodeTime(cluster.nowMillis + 60_000),
                List.of(new InlineRequest(request)));
        cluster.replicas.get(1).onMessage(0, skewed);
        assertEquals(1, cluster.replicas.get(1).counters().dropped(DropReason.NON_DETERMINISM_REJECTED));
    }

    @Test
    void aPrePrepareFromABackupIsRefused() {
        Request request = cluster.request(0, put("a", "1"), 0);
        PrePrepare forged = new PrePrepare(0, 1, ReplicaContext.encodeTime(cluster.nowMillis),
                List.of(new InlineRequest(request)));
        cluster.replicas.get(1).onMessage(2, forged);
        assertEquals(1, cluster.replicas.get(1).counters().dropped(DropReason.NOT_FROM_PRIMARY));
    }

    @Test
    void aRequestWhoseAuthenticatorIsValidOnlyAtThePrimaryAndOneBackupStillExecutesWhenFBackupsVouch() {
        Request honest = cluster.request(0, put("a", "1"), 0);
        byte[] tags = new byte[honest.authenticator().size()];
        int tagLength = honest.authenticator().tagLength();
        for (int i = 0; i < cluster.n; i++) {
            byte[] tag = honest.authenticator().tag(i);
            if (i == 3) {
                tag[0] ^= 1; // the faulty client spoils backup 3's entry
            }
            System.arraycopy(tag, 0, tags, i * tagLength, tagLength);
        }
        Request partlyValid = new Request(honest.client(), honest.lane(), honest.timestamp(), 0,
                honest.operation(), Authenticator.wrap(tags, tagLength));
        cluster.clientSends(0, partlyValid);
        cluster.run();
        cluster.replicas.forEach(replica -> assertEquals(1, replica.lastCommitted(), "replica " + replica.id()));
    }

    @Test
    void aCheckpointBecomesStableWithTwoFPlusOneMatchingCheckpointsAndTheWaterMarksMove() {
        for (int i = 0; i < 12; i++) {
            cluster.clientSends(0, cluster.request(i % 4, put("k" + i, "v"), 0));
            cluster.run();
        }
        for (Replica replica : cluster.replicas) {
            assertEquals(12, replica.lastCommitted());
            assertEquals(12, replica.lowWaterMark(), "checkpoint interval 4: the last stable checkpoint is 12");
        }
        assertTrue(cluster.delivered.stream().anyMatch(e -> e.message() instanceof Checkpoint));
    }

    @Test
    void thePrimaryBatchesRequestsThatArriveWhileBatchesAreInFlight() {
        // Nothing reaches the backups at first, so the primary's two batches stay in flight.
        cluster.filter = (envelope, c) -> envelope.to() == 0 || envelope.to() == ReplicaCluster.CLIENT;
        for (int lane = 0; lane < 4; lane++) {
            cluster.clientSends(0, cluster.request(lane, put("k" + lane, "v"), 0));
        }
        cluster.run();
        List<PrePrepare> sent = cluster.delivered.stream().map(ReplicaCluster.Envelope::message)
                .filter(PrePrepare.class::isInstance).map(PrePrepare.class::cast).toList();
        assertTrue(sent.isEmpty(), "pre-prepares were dropped before delivery");
        cluster.filter = (envelope, c) -> true;
        cluster.statusRound();
        cluster.statusRound();
        cluster.replicas.forEach(replica -> assertEquals(3, replica.lastCommitted(),
                "two single-request batches, then one batch of the two requests that waited"));
    }
}
