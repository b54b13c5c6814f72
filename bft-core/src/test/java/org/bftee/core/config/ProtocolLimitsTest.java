package org.bftee.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProtocolLimitsTest {

    @Test
    void defaultsAreValid() {
        assertTrue(ProtocolLimits.problems(256, 128, 64, 256 * 1024, 4, 1 << 20, 1 << 20, 4096, 64).isEmpty());
        ProtocolLimits.defaults();
        ProtocolTimeouts.defaults();
    }

    @Test
    void logWindowMustHoldTwoCheckpointIntervals() {
        assertEquals(List.of("log-window (128) must be at least 2 x checkpoint-interval (128)"),
                ProtocolLimits.problems(128, 128, 64, 1 << 18, 4, 1 << 20, 1 << 20, 4096, 64));
        assertEquals(List.of("log-window (300) must be a multiple of checkpoint-interval (128)"),
                ProtocolLimits.problems(300, 128, 64, 1 << 18, 4, 1 << 20, 1 << 20, 4096, 64));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<String> problems = ProtocolLimits.problems(256, 128, 64, 1024, 300, 1 << 20, 1 << 27, 2048, 64);
        assertEquals(List.of(
                "batches-in-flight-max (300) cannot exceed log-window (256)",
                "reply-bytes-max (134217728) exceeds the hard maximum of 67108864 bytes",
                "large-request-threshold-bytes (2048) cannot exceed batch-bytes-max (1024)"), problems);
    }

    @Test
    void nonPositiveValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProtocolLimits(256, 0, 64, 1024, 4, 1024, 1024, 512, -1));
        assertEquals("checkpoint-interval must be positive, got 0; lanes-per-client-max must be positive, got -1",
                e.getMessage());
    }

    @Test
    void timeoutRelationsAreChecked() {
        assertEquals(List.of("client-retransmit-max (PT0.1S) is shorter than client-retransmit (PT0.5S)",
                        "status (PT2S) must be shorter than view-change (PT2S)"),
                ProtocolTimeouts.problems(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(500),
                        Duration.ofMillis(100), Duration.ofMinutes(5)));
        assertEquals(List.of("view-change must be a positive duration, got PT0S"),
                ProtocolTimeouts.problems(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofMinutes(5)));
    }
}
