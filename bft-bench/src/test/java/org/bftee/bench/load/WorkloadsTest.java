package org.bftee.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceHarness;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperationType;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.junit.jupiter.api.Test;

/** The standard workloads run on the real key-value service and answer with the sizes they promise. */
class WorkloadsTest {

    private final ServiceHarness kv = new ServiceHarness(new KvService(KvLimits.defaults()),
            ObjectStoreLimits.defaults());

    private ServiceResult execute(Operation operation) {
        return operation.readOnly() ? kv.read(1, Bytes.wrap(operation.bytes())) : kv.call(1, Bytes.wrap(operation.bytes()));
    }

    private void setUp(Workload workload) {
        for (Operation operation : workload.setup()) {
            assertEquals(ResultCode.OK, execute(operation).code(), workload.name() + " setup");
        }
    }

    @Test
    void theStandardSetIsNamedInOrder() {
        assertEquals(List.of("0/0", "ro-0/0", "4K/0", "0/4K", "kv-mix"), List.copyOf(Workloads.standard().keySet()));
        Workloads.standard().keySet().forEach(name -> assertFalse(Workloads.description(name).isBlank(), name));
    }

    @Test
    void theNullOperationIsAGetOfAnAbsentKeyAnsweredWithAStatusOnly() {
        for (String name : List.of("0/0", "ro-0/0")) {
            Workload workload = Workloads.named(name).orElseThrow();
            Operation operation = workload.operations().forClient(0).next();

            ServiceResult result = execute(operation);

            assertEquals(ResultCode.NOT_FOUND, result.code(), name);
            assertEquals(0, result.payload().length(), name);
            assertEquals(name.startsWith("ro-"), operation.readOnly(), name);
            assertEquals(workload.readOnly(), operation.readOnly(), name);
        }
    }

    @Test
    void fourKibArgumentIsAPutOfFourKib() {
        Workload workload = Workloads.named("4K/0").orElseThrow();
        Operation operation = workload.operations().forClient(0).next();

        ServiceResult result = execute(operation);

        assertEquals(ResultCode.OK, result.code());
        assertEquals(0, result.payload().length());
        assertTrue(operation.bytes().length > Workloads.FOUR_KIB && operation.bytes().length < Workloads.FOUR_KIB + 64);
        assertFalse(operation.readOnly());
    }

    @Test
    void fourKibResultIsAGetOfTheValueTheSetupPut() {
        Workload workload = Workloads.named("0/4K").orElseThrow();
        setUp(workload);

        ServiceResult result = execute(workload.operations().forClient(3).next());

        assertEquals(ResultCode.OK, result.code());
        assertEquals(Workloads.FOUR_KIB, result.payload().length());
        assertEquals(workload.resultBytes(), result.payload().length());
    }

    @Test
    void theMixReadsMostlyAndFindsEveryKeyItReads() {
        Workload workload = Workloads.named("kv-mix").orElseThrow();
        setUp(workload);
        OperationSource source = workload.operations().forClient(0);

        int reads = 0;
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            Operation operation = source.next();
            distinct.add(System.identityHashCode(operation));
            ServiceResult result = execute(operation);
            assertEquals(ResultCode.OK, result.code());
            boolean get = KvOperations.decode(Bytes.wrap(operation.bytes())).orElseThrow().type() == KvOperationType.GET;
            assertEquals(get, operation.readOnly());
            if (get) {
                reads++;
                assertEquals(Workloads.KV_MIX_VALUE_BYTES, result.payload().length());
            }
        }
        // 90% reads, with a generous margin for the random draw.
        assertTrue(reads > 1_600 && reads < 1_950, reads + " reads of 2,000");
        assertTrue(distinct.size() > 500, distinct.size() + " distinct operations");
    }

    @Test
    void eachClientOfTheMixHasItsOwnSequence() {
        Workload workload = Workloads.named("kv-mix").orElseThrow();
        OperationSource first = workload.operations().forClient(0);
        OperationSource second = workload.operations().forClient(1);
        OperationSource firstAgain = workload.operations().forClient(0);

        boolean differ = false;
        for (int i = 0; i < 20; i++) {
            Operation a = first.next();
            differ |= a != second.next();
            assertTrue(a == firstAgain.next(), "the same client's sequence repeats");
        }
        assertTrue(differ);
    }
}
