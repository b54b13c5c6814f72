package org.bftee.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.bank.BankOperation;
import org.bftee.core.service.bank.BankOperations;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.state.ObjectStoreLimits;
import org.junit.jupiter.api.Test;

class ShippedServicesTest {

    private static final int CLIENT = 1000;
    private final ObjectStoreLimits limits = new ObjectStoreLimits(64, 64 * 1024, 4);
    private final ServiceHarness harness = new ServiceHarness(new ShippedServices(KvLimits.defaults()), limits);

    private static Bytes text(String value) {
        return Bytes.wrap(value.getBytes(StandardCharsets.UTF_8));
    }

    private static Bytes kv(KvOperation operation) {
        return ShippedServices.forKv(KvOperations.encode(operation));
    }

    private static Bytes bank(BankOperation operation) {
        return ShippedServices.forBank(BankOperations.encode(operation));
    }

    @Test
    void theKeyValueStoreAndTheLedgerAnswerTheirOwnOperationsInOneGroup() {
        assertEquals(ResultCode.OK, harness.call(CLIENT, kv(new KvOperation.Put(text("k"), text("v")))).code());
        assertEquals(ResultCode.OK, harness.call(CLIENT, bank(new BankOperation.OpenAccount(7))).code());
        assertEquals(ResultCode.OK, harness.call(CLIENT, bank(new BankOperation.Deposit(7, 100))).code());

        assertEquals(text("v"), harness.read(CLIENT, kv(new KvOperation.Get(text("k")))).payload());
        assertEquals(100L, harness.read(CLIENT, bank(new BankOperation.Total())).payloadAsLong().orElseThrow());
    }

    @Test
    void eachServiceWritesOnlyItsHalfOfTheStore() {
        harness.call(CLIENT, bank(new BankOperation.OpenAccount(7)));
        harness.call(CLIENT, bank(new BankOperation.Deposit(7, 100)));
        for (int index = 0; index < limits.objectCount() / 2; index++) {
            assertTrue(harness.store().read(index).isEmpty(), "the ledger wrote object " + index);
        }

        for (int i = 0; i < 50; i++) {
            harness.call(CLIENT, kv(new KvOperation.Put(text("key-" + i), text("value"))));
        }
        assertEquals(100L, harness.read(CLIENT, bank(new BankOperation.Total())).payloadAsLong().orElseThrow(),
                "the key-value store left the ledger's objects alone");
    }

    @Test
    void anOperationForNoServiceOrWithoutItsPrefixIsMalformed() {
        assertEquals(ResultCode.MALFORMED, harness.call(CLIENT, Bytes.EMPTY).code());
        assertEquals(ResultCode.MALFORMED, harness.call(CLIENT, text("Xjunk")).code());
        assertEquals(ResultCode.MALFORMED,
                harness.call(CLIENT, KvOperations.encode(new KvOperation.Put(text("k"), text("v")))).code());
        assertEquals(ResultCode.MALFORMED, harness.call(CLIENT, Bytes.wrap(new byte[] {ShippedServices.BANK})).code());
    }

    @Test
    void readOnlyIsTheAddressedServicesAnswer() {
        ShippedServices services = new ShippedServices(KvLimits.defaults());

        assertTrue(services.isReadOnly(kv(new KvOperation.Get(text("k")))));
        assertFalse(services.isReadOnly(kv(new KvOperation.Put(text("k"), text("v")))));
        assertTrue(services.isReadOnly(bank(new BankOperation.Total())));
        assertFalse(services.isReadOnly(bank(new BankOperation.Deposit(1, 1))));
        assertFalse(services.isReadOnly(Bytes.EMPTY));
        assertFalse(services.isReadOnly(text("?")));
    }
}
