package org.bftee.core.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that bars a client from causing view changes: f + 1 in a row, in different views, none committed between. */
class ClientBlameTest {

    private static final int F = 1;
    private final ClientBlame blame = new ClientBlame(List.of(1000, 1001), F, 10_000);

    @Test
    void fPlusOneViewChangesInARowBarTheClient() {
        assertFalse(blame.blame(1000, 0, 100));
        assertFalse(blame.blame(1000, 0, 150), "one expiry per view counts once");
        assertTrue(blame.blame(1000, 1, 400));
        assertEquals(1, blame.throttlesStarted());
    }

    @Test
    void aCommittedRequestClearsTheCount() {
        assertFalse(blame.blame(1000, 0, 100));
        blame.cleared(1000);
        assertFalse(blame.blame(1000, 1, 400), "f faulty primaries in a row blame a correct client only f times");
        assertEquals(0, blame.throttlesStarted());
    }

    @Test
    void clientsAreJudgedApartAndUnknownOnesNever() {
        assertFalse(blame.blame(1000, 0, 100));
        assertFalse(blame.blame(1001, 1, 400));
        assertFalse(blame.blame(4242, 0, 100));
        assertFalse(blame.blame(4242, 1, 400));
        assertEquals(0, blame.throttlesStarted());
    }

    @Test
    void aViewLeftAfterTheClientsRequestsFailedAuthenticationHereCountsAsOneBlame() {
        java.util.List<Integer> barred = new java.util.ArrayList<>();
        blame.unauthentic(1000, 0);
        blame.leavingView(0, 100, barred::add);
        assertEquals(java.util.List.of(), barred, "one blame, for the view this replica was primary of");
        assertTrue(blame.blame(1000, 1, 400), "its requests then waited at this backup's expiry in view 1");
        blame.leavingView(1, 400, barred::add);
        assertEquals(java.util.List.of(), barred, "view 1 already counted");
    }
}
