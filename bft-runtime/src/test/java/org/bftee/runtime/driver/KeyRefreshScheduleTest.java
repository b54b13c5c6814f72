package org.bftee.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import org.bftee.runtime.config.GroupConfig;
import org.junit.jupiter.api.Test;

class KeyRefreshScheduleTest {

    private final KeyRefreshSchedule schedule = new KeyRefreshSchedule(Duration.ofSeconds(1), 4);

    @Test
    void replicasRefreshFirstOnePeriodAfterStartEachAQuarterOfAPeriodAfterTheLast() {
        assertEquals(1_000, schedule.firstRefreshDelayMillis(0));
        assertEquals(1_250, schedule.firstRefreshDelayMillis(1));
        assertEquals(1_500, schedule.firstRefreshDelayMillis(2));
        assertEquals(1_750, schedule.firstRefreshDelayMillis(3));
        assertEquals(1_000, schedule.periodMillis());
    }

    @Test
    void clientsRefreshHalfASlotBetweenTheReplicasSpreadByTheirIds() {
        Set<Long> delays = new TreeSet<>();
        for (int client = GroupConfig.CLIENT_ID_MIN; client < GroupConfig.CLIENT_ID_MIN + 4; client++) {
            delays.add(schedule.firstRefreshDelayMillis(client));
        }

        assertEquals(Set.of(1_125L, 1_375L, 1_625L, 1_875L), delays);
    }

    @Test
    void aPeriodThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeyRefreshSchedule(Duration.ZERO, 4));
        assertThrows(IllegalArgumentException.class, () -> new KeyRefreshSchedule(Duration.ofMillis(-1), 4));
    }
}
