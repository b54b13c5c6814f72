package org.bftee.runtime.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransportSettingsTest {

    private static final TransportSettings DEFAULTS = TransportSettings.defaults(TestFrames.LIMITS);

    @Test
    void defaultsAreValidAndSized() {
        assertTrue(DEFAULTS.ioThreads() >= 1 && DEFAULTS.ioThreads() <= 4);
        assertTrue(DEFAULTS.reconnectBackoffMin().compareTo(DEFAULTS.reconnectBackoffMax()) < 0);
        assertEquals(TestFrames.LIMITS.frameBytesMax(), DEFAULTS.pendingWriteBytesMax());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("ioThreads", settings -> settings.withIoThreads(0)),
                bad("ioThreads", settings -> settings.withIoThreads(TransportSettings.IO_THREADS_MAX + 1)),
                bad("reconnectBackoffMin", settings -> settings.withReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1))),
                bad("reconnectBackoffMax", settings -> settings.withReconnectBackoff(Duration.ofSeconds(2),
                        Duration.ofSeconds(1))),
                bad("reconnectBackoffMax", settings -> settings.withReconnectBackoff(Duration.ofSeconds(1),
                        Duration.ofDays(2))),
                bad("rejectedFramesBeforeCut", settings -> settings.withRejectedFramesBeforeCut(0)),
                bad("pendingWriteBytesMax", settings -> settings.withPendingWriteBytesMax(0)),
                bad("connectTimeout", settings -> settings.withConnectTimeout(Duration.ofMillis(-1))),
                bad("connectTimeout", settings -> settings.withConnectTimeout(Duration.ofDays(1))));
    }

    private static Arguments bad(String field, UnaryOperator<TransportSettings> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValuesAreRefusedByName(String field, UnaryOperator<TransportSettings> change) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> change.apply(DEFAULTS));
        assertTrue(failure.getMessage().contains(field), failure.getMessage());
    }
}
