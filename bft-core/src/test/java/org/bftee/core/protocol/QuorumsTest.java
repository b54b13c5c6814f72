package org.bftee.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The quorum table of PROTOCOL.md, from a group of one replica (f = 0) up. */
class QuorumsTest {

    @ParameterizedTest(name = "f = {0}: n {1}, quorum {2}, weak {3}, prepares {4}")
    @CsvSource({
            "0, 1, 1, 1, 0",
            "1, 4, 3, 2, 2",
            "2, 7, 5, 3, 4",
            "3, 10, 7, 4, 6",
    })
    void sizes(int f, int n, int quorum, int weak, int preparesNeeded) {
        Quorums quorums = new Quorums(f);
        assertEquals(n, quorums.n());
        assertEquals(quorum, quorums.quorum());
        assertEquals(weak, quorums.weak());
        assertEquals(preparesNeeded, quorums.preparesNeeded());
    }

    @Test
    void aGroupOfOneIsPrimaryInEveryView() {
        Quorums one = new Quorums(0);
        for (long view = 0; view < 5; view++) {
            assertEquals(0, one.primary(view));
        }
    }

    @Test
    void fIsNeverNegative() {
        assertThrows(IllegalArgumentException.class, () -> new Quorums(-1));
    }
}
