package org.bftee.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.bank.BankService;
import org.bftee.core.service.kv.KvService;
import org.junit.jupiter.api.Test;

class ServiceChoiceTest {

    @Test
    void eachNameInConfigurationCreatesItsService() {
        assertInstanceOf(ShippedServices.class, ServiceChoice.named("shipped").create());
        assertInstanceOf(KvService.class, ServiceChoice.named("kv").create());
        assertInstanceOf(BankService.class, ServiceChoice.named("bank").create());
        assertEquals(ServiceChoice.SHIPPED, ServiceChoice.DEFAULT);
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ServiceChoice.named("KV"));
        assertTrue(refused.getMessage().contains("'KV' is not a shipped service; choose one of shipped, kv, bank"),
                refused.getMessage());
    }

    @Test
    void keyValueOperationsCarryThePrefixOnlyWhenBothServicesShareTheGroup() {
        Bytes operation = Bytes.of(new byte[] {1, 2});

        assertEquals(Bytes.of(new byte[] {ShippedServices.KV, 1, 2}), ServiceChoice.SHIPPED.kvOperation(operation));
        assertEquals(operation, ServiceChoice.KV.kvOperation(operation));
        assertThrows(IllegalStateException.class, () -> ServiceChoice.BANK.kvOperation(operation));
    }
}
