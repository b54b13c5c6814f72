package org.bftee.core.client;

import static org.bftee.core.client.ClientScenario.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bftee.core.client.RecordingOutbox.Multicast;
import org.bftee.core.message.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The digest-replies optimization: the designated replica sends the full result, the others its
 * digest, and the client needs a full result whose digest matches the certificate.
 */
class DigestRepliesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aClientAcceptsTheDesignatedReplicasFullResultOnceFDigestsMatchIt(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int k = 0; k < f; k++) {
            group.from(group.undesignated(k)).digestOnly().says("A");
        }
        assertEquals(List.of(), group.results());
        group.from(group.designated(0)).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCertificateOfDigestsWaitsForTheFullResult(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        int designated = group.designated(0);
        for (int k = 0; k <= f; k++) {
            group.from(group.undesignated(k)).digestOnly().says("A");
        }
        assertEquals(List.of(), group.results());
        group.outbox.take();
        group.from(designated).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aLyingDesignatedReplicaMakesTheClientAskEveryReplicaForFullRepliesAtOnce(int f) {
        ClientScenario group = ClientScenario.group(f);
        long timestamp = group.readWrite("op");
        group.outbox.take();
        group.from(group.designated(0)).says("LIE");
        for (int k = 0; k <= f; k++) {
            group.from(group.undesignated(k)).digestOnly().says("A");
        }
        assertEquals(List.of(), group.listener.outcomes);

        List<RecordingOutbox.Effect> effects = group.outbox.take();
        assertEquals(1, effects.size(), effects.toString());
        Request again = ((Multicast) effects.get(0)).request();
        assertEquals(timestamp, again.timestamp());
        assertTrue(again.isFullRepliesFromAll());
        assertTrue(group.authenticToEveryReplica(again), "re-authenticated with the new flags");
        assertEquals(1, group.core.counters().fullRepliesRequested());

        group.from(group.undesignated(f + 1)).digestOnly().says("A");
        assertEquals(List.of(), group.outbox.take(), "asked once");
        group.from(group.undesignated(0)).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aSilentDesignatedReplicaCostsOneRetransmissionAskingForFullReplies(int f) {
        ClientScenario group = ClientScenario.group(f);
        long timestamp = group.readWrite("op");
        for (int k = 0; k <= f; k++) {
            group.from(group.undesignated(k)).digestOnly().says("A");
        }
        group.outbox.take();
        group.advance(499);
        assertEquals(List.of(), group.outbox.requests());
        group.advance(1);

        Request again = group.outbox.requests().get(0);
        assertEquals(timestamp, again.timestamp());
        assertTrue(again.isFullRepliesFromAll());
        assertTrue(group.outbox.take().get(0) instanceof Multicast);
        group.from(group.undesignated(1)).says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aRetransmissionWithoutADigestCertificateDoesNotAskForFullReplies(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        group.from(group.undesignated(0)).digestOnly().says("A");
        group.outbox.take();
        group.advance(500);
        Request again = group.outbox.requests().get(0);
        assertEquals(0, again.flags());
        assertEquals(0, group.core.counters().fullRepliesRequested());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void tentativeDigestRepliesNeedTheTentativeFullResultToo(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        for (int k = 0; k < 2 * f; k++) {
            group.from(group.undesignated(k)).tentative().digestOnly().says("A");
        }
        assertEquals(List.of(), group.results());
        group.from(group.designated(0)).tentative().says("A");
        assertEquals(List.of(bytes("A")), group.results());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void onlyAFullResultWhoseDigestMatchesTheCertificateIsDelivered(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        group.from(group.designated(0)).says("LIE");
        for (int k = 0; k <= f; k++) {
            group.from(group.undesignated(k)).digestOnly().says("A");
        }
        group.from(group.undesignated(f + 1)).tentative().says("OTHER");
        assertEquals(List.of(), group.listener.outcomes);
        group.from(group.undesignated(1)).says("A");
        assertEquals(List.of(bytes("A")), group.results(), "the full reply replaced the digest-only vote");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aDesignatedReplicaThatSentNoFullResultIsNotWaitedForAgainForAWhile(int f) {
        ClientScenario group = ClientScenario.group(f);
        group.readWrite("op");
        int silent = group.designated(0);
        for (int k = 0; k <= f; k++) {
            group.from(group.undesignated(k)).digestOnly().says("A");
        }
        group.advance(500);
        group.from(group.undesignated(0)).says("A");
        assertEquals(List.of(bytes("A")), group.results());
        assertEquals(1, group.core.counters().repliersSuspected());

        Flags during = flagsOfFortyRequests(group, f, silent);
        assertEquals(java.util.Set.of(true), during.namingSilent(),
                "while suspected, its requests ask every replica for full results from the first send");
        assertEquals(java.util.Set.of(false), during.others());
        group.advance(8_000);
        assertEquals(java.util.Set.of(false), flagsOfFortyRequests(group, f, silent).namingSilent(),
                "after client-retransmit-max it is designated again");
    }

    /** The full-replies flags seen on the first sends of requests that designate the silent replica, and of the others. */
    private record Flags(java.util.Set<Boolean> namingSilent, java.util.Set<Boolean> others) {
    }

    /** Forty requests, each answered at once by {@code f + 1} replicas that are not its designated replier. */
    private static Flags flagsOfFortyRequests(ClientScenario group, int f, int silent) {
        Flags flags = new Flags(new java.util.HashSet<>(), new java.util.HashSet<>());
        for (int i = 0; i < 40; i++) {
            group.outbox.take();
            group.readWrite("op" + i);
            boolean full = group.outbox.requests().get(0).isFullRepliesFromAll();
            (group.designated(0) == silent ? flags.namingSilent() : flags.others()).add(full);
            for (int k = 0; k <= f; k++) {
                group.from(group.undesignated(k)).says("B" + i);
            }
        }
        return flags;
    }
}
