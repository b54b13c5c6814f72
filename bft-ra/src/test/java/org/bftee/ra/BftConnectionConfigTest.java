package org.bftee.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each property of the configuration on its own: its bounds, inclusive, and the name in every refusal. */
class BftConnectionConfigTest {

    private static final BftConnectionConfig VALID = BftConnectionConfig.defaults()
            .withGroupFile("group.conf").withClientKeyFile("client-1000.key").withClientId(1000);

    @Test
    void theBoundsThemselvesAreAccepted() throws Exception {
        for (BftConnectionConfig config : new BftConnectionConfig[] {
                VALID, VALID.withInvokeTimeout(Duration.ofMillis(1)),
                VALID.withInvokeTimeout(BftConnectionConfig.INVOKE_TIMEOUT_MAX),
                VALID.withSessionPoolSize(1), VALID.withSessionPoolSize(BftConnectionConfig.SESSION_POOL_SIZE_MAX),
                VALID.withReadOnlyDefault(true), VALID.withClientId(Integer.MAX_VALUE)}) {
            assertSame(config, config.validate());
        }
    }

    @Test
    void everyPropertyOutOfBoundsIsRefusedByName() {
        assertRefused("groupFile", VALID.withGroupFile(null));
        assertRefused("groupFile", VALID.withGroupFile(" "));
        assertRefused("clientKeyFile", VALID.withClientKeyFile(null));
        assertRefused("clientKeyFile", VALID.withClientKeyFile(""));
        assertRefused("clientId", VALID.withClientId(BftConnectionConfig.CLIENT_ID_UNSET));
        assertRefused("clientId", VALID.withClientId(999));
        assertRefused("invokeTimeoutMillis", VALID.withInvokeTimeout(null));
        assertRefused("invokeTimeoutMillis", VALID.withInvokeTimeout(Duration.ZERO));
        assertRefused("invokeTimeoutMillis", VALID.withInvokeTimeout(Duration.ofNanos(999_999)));
        assertRefused("invokeTimeoutMillis", VALID.withInvokeTimeout(
                BftConnectionConfig.INVOKE_TIMEOUT_MAX.plusMillis(1)));
        assertRefused("sessionPoolSize", VALID.withSessionPoolSize(0));
        assertRefused("sessionPoolSize", VALID.withSessionPoolSize(BftConnectionConfig.SESSION_POOL_SIZE_MAX + 1));
    }

    @Test
    void equalPropertiesMakeEqualConfigurations() {
        BftConnectionConfig same = BftConnectionConfig.defaults().withClientId(1000).withClientKeyFile("client-1000.key")
                .withGroupFile("group.conf");

        assertEquals(VALID, same);
        assertEquals(VALID.hashCode(), same.hashCode());
        assertNotEquals(VALID, VALID.withClientId(1001));
        assertNotEquals(VALID, VALID.withReadOnlyDefault(true));
        assertNotEquals(VALID, VALID.withInvokeTimeout(Duration.ofSeconds(1)));
    }

    @Test
    void theDefaultsAreThoseThatRaXmlDeclares() {
        BftConnectionConfig defaults = BftConnectionConfig.defaults();

        assertEquals(Duration.ofSeconds(30), defaults.invokeTimeout());
        assertEquals(8, defaults.sessionPoolSize());
        assertEquals(false, defaults.readOnlyDefault());
        assertEquals(BftConnectionConfig.CLIENT_ID_UNSET, defaults.clientId());
    }

    private static void assertRefused(String property, BftConnectionConfig config) {
        InvalidPropertyException refused = assertThrows(InvalidPropertyException.class, config::validate);
        assertTrue(refused.getMessage().startsWith(property + " "), refused.getMessage());
    }
}
