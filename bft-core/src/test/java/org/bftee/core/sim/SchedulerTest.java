package org.bftee.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private final Scheduler scheduler = new Scheduler(1_000);
    private final List<String> ran = new ArrayList<>();

    @Test
    void eventsRunByTimeThenByInsertion() {
        scheduler.at(20, () -> ran.add("b@20"));
        scheduler.at(10, () -> ran.add("a@10"));
        scheduler.at(20, () -> ran.add("c@20"));
        scheduler.at(10, () -> ran.add("d@10"));

        scheduler.runUntil(100);

        assertEquals(List.of("a@10", "d@10", "b@20", "c@20"), ran);
        assertEquals(100, scheduler.nowMillis());
    }

    @Test
    void anEventSeesItsOwnTimeAndSchedulesRelativeToIt() {
        scheduler.at(5, () -> scheduler.after(3, () -> ran.add("at " + scheduler.nowMillis())));

        scheduler.runUntil(7);
        assertTrue(ran.isEmpty());
        scheduler.runUntil(8);

        assertEquals(List.of("at 8"), ran);
    }

    @Test
    void aCancelledEventNeverRuns() {
        ScheduledEvent event = scheduler.at(5, () -> ran.add("cancelled"));
        scheduler.at(6, () -> ran.add("kept"));

        event.cancel();
        scheduler.runUntil(10);

        assertEquals(List.of("kept"), ran);
        assertFalse(event.isPending());
    }

    @Test
    void runUntilAConditionStopsAsSoonAsItHolds() {
        for (int i = 1; i <= 10; i++) {
            int at = i;
            scheduler.at(i * 10, () -> ran.add("e" + at));
        }

        assertTrue(scheduler.runUntil(() -> ran.size() == 3, 1_000));
        assertEquals(30, scheduler.nowMillis());
        assertFalse(scheduler.runUntil(() -> ran.size() == 99, 60));
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5", "e6"), ran);
    }

    @Test
    void aLivelockFailsTheRunInsteadOfHangingIt() {
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> scheduler.after(0, loop[0]);
        scheduler.at(0, loop[0]);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> scheduler.runUntil(1));
        assertTrue(failure.getMessage().contains("livelock"), failure.getMessage());
    }

    @Test
    void thePastCannotBeScheduled() {
        scheduler.runUntil(50);

        assertThrows(IllegalArgumentException.class, () -> scheduler.at(49, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> scheduler.after(-1, () -> { }));
    }
}
