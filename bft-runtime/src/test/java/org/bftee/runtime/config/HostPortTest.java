package org.bftee.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:7100", "localhost:1", "[::1]:65535", "replica-0.example:7100"})
    void validAddressesRoundTrip(String text) {
        assertEquals(text, HostPort.parseOrNull(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7100", "host", "host:", ":7100", "host:0", "host:65536", "host:-1", "host:x",
            "::1:7100", "[::1]7100", "[::1]:", "a:b:c"})
    void invalidAddressesAreRefused(String text) {
        assertNull(HostPort.parseOrNull(text));
    }
}
