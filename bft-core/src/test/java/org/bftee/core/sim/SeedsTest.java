package org.bftee.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void aComponentsStreamDependsOnlyOnSeedAndName() {
        long first = Seeds.stream(7, "network").nextLong();
        Seeds.stream(7, "a-component-added-later").nextLong();

        assertEquals(first, Seeds.stream(7, "network").nextLong());
    }

    @Test
    void streamsDifferAcrossComponentsAndSeeds() {
        assertNotEquals(Seeds.stream(7, "network").nextLong(), Seeds.stream(7, "host-0").nextLong());
        assertNotEquals(Seeds.stream(7, "network").nextLong(), Seeds.stream(8, "network").nextLong());
    }
}
