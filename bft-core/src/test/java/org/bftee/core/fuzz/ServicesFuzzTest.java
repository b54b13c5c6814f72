package org.bftee.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceInvoker;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.TransactionEnvelope;
import org.bftee.core.service.bank.BankOperation;
import org.bftee.core.service.bank.BankOperations;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.ObjectStoreLimits;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the shipped services' operation decoders and of executing arbitrary
 * operations (docs/fuzzing.md). An input is a script of operations, each
 * {@code flags:u8 | length:u16 | operation} (flags bit 0: sent read-only; bit 1: from the second
 * client), run in order on a fresh {@link ShippedServices} group through the replica's
 * {@link ServiceInvoker}, one batch per operation. For every operation:
 * <ul>
 *   <li>the decoders ({@link KvOperations}, {@link BankOperations}, {@link TransactionEnvelope})
 *       never throw, allocate within a budget proportional to the operation, and whatever decodes
 *       re-encodes to the same bytes;</li>
 *   <li>executing it never throws out of the service ({@code SERVICE_FAILURE} is a finding) and
 *       answers a result whose first byte is a result code;</li>
 *   <li>an operation that does not answer OK, and any read-only one, leaves every object as it was.</li>
 * </ul>
 * After the script: every bucket still decodes (a full scan answers OK), the ledger's total equals
 * the sum of its balances, and the object store's partition tree matches its objects.
 */
class ServicesFuzzTest {

    static final int CLIENT = 1000;
    static final int OTHER_CLIENT = 1001;
    static final int OPERATIONS_MAX = 64;

    /** Small buckets and limits, so that short inputs reach FULL and TOO_LARGE. */
    static final ObjectStoreLimits STORE = new ObjectStoreLimits(16, 2048, 4);
    static final KvLimits KV = new KvLimits(64, 1024, 16, 16 * 1024);

    private static final AllocationBudget DECODE_BUDGET = new AllocationBudget(16 * 1024, 16);
    private static final Bytes SCAN_ALL = ShippedServices.forKv(
            KvOperations.encode(new KvOperation.Scan(Bytes.EMPTY, Bytes.EMPTY, KvLimits.SCAN_RESULTS_ABSOLUTE_MAX)));
    private static final Bytes TOTAL = ShippedServices.forBank(BankOperations.encode(new BankOperation.Total()));

    private final ShippedServices services = new ShippedServices(KV);
    private final ServiceInvoker invoker = new ServiceInvoker(services, 64 * 1024);
    /** Fresh for every input: while fuzzing, Jazzer runs all inputs on one instance of this class. */
    private ObjectStore store;
    private long sequence;

    @FuzzTest
    @Timeout(10)
    void operations(byte[] input) {
        store = new ObjectStore(STORE);
        sequence = 0;
        ByteBuffer script = ByteBuffer.wrap(input);
        for (int count = 0; count < OPERATIONS_MAX && script.remaining() >= 3; count++) {
            int flags = Byte.toUnsignedInt(script.get());
            byte[] operation = new byte[Math.min(Short.toUnsignedInt(script.getShort()), script.remaining())];
            script.get(operation);
            checkDecoders(Bytes.wrap(operation));
            execute(Bytes.wrap(operation), (flags & 1) != 0, (flags & 2) != 0 ? OTHER_CLIENT : CLIENT);
        }
        checkState();
    }

    private void checkDecoders(Bytes operation) {
        DECODE_BUDGET.check(operation.length(), "isReadOnly", () -> services.isReadOnly(operation));
        if (TransactionEnvelope.isEnvelope(operation)) {
            TransactionEnvelope.Decoded envelope = DECODE_BUDGET.check(operation.length(), "an envelope",
                    () -> TransactionEnvelope.decode(operation));
            if (envelope instanceof TransactionEnvelope.Operations operations) {
                assertEquals(operation, TransactionEnvelope.encode(operations.operations()));
            }
            return;
        }
        if (operation.isEmpty()) {
            return;
        }
        Bytes body = operation.from(1);
        Optional<KvOperation> kv = DECODE_BUDGET.check(body.length(), "a key-value operation",
                () -> KvOperations.decode(body));
        kv.ifPresent(decoded -> assertEquals(body, KvOperations.encode(decoded)));
        Optional<BankOperation> bank = DECODE_BUDGET.check(body.length(), "a bank operation",
                () -> BankOperations.decode(body));
        bank.ifPresent(decoded -> assertEquals(body, BankOperations.encode(decoded)));
    }

    private ResultCode execute(Bytes operation, boolean readOnly, int client) {
        List<Bytes> before = objects();
        ServiceInvoker.Outcome outcome;
        if (readOnly) {
            outcome = invoker.execute(operation, new InvocationContext(client, 0, sequence, true, 1_000_000, sequence),
                    store);
        } else {
            sequence++;
            store.beginBatch(sequence);
            outcome = invoker.execute(operation,
                    new InvocationContext(client, 0, sequence, false, 1_000_000 + sequence, sequence), store);
        }
        outcome.failure().ifPresent(bug -> fail("the service threw on " + operation, bug));
        assertFalse(store.isAtomicOpen(), "an atomic section was left open");
        Optional<ResultCode> code = ServiceResult.decode(outcome.result()).map(ServiceResult::code);
        assertTrue(code.isPresent(), "undecodable result " + outcome.result());
        assertNotEquals(ResultCode.SERVICE_FAILURE, code.get());
        if (readOnly || code.get() != ResultCode.OK) {
            assertEquals(before, objects(), "a " + code.get() + (readOnly ? " read-only" : "")
                    + " operation changed the state: " + operation);
        }
        return code.get();
    }

    private List<Bytes> objects() {
        List<Bytes> objects = new ArrayList<>(store.objectCount());
        for (int index = 0; index < store.objectCount(); index++) {
            objects.add(store.read(index));
        }
        return objects;
    }

    private void checkState() {
        assertEquals(ResultCode.OK, execute(SCAN_ALL, true, CLIENT), "a key-value bucket no longer decodes");
        // The ledger keeps its total in the first object of its half; TOTAL sums the balances.
        Bytes total = store.read(store.objectCount() / 2);
        long recorded = total.isEmpty() ? 0 : total.longAt(0);
        ServiceInvoker.Outcome sum = invoker.execute(TOTAL,
                new InvocationContext(CLIENT, 0, sequence, true, 1_000_000, sequence), store);
        assertEquals(Optional.of(recorded),
                ServiceResult.decode(sum.result()).flatMap(ServiceResult::payloadAsLong),
                "the ledger's total is not the sum of its balances");
        store.checkInvariants();
    }
}
