package org.bftee.core.service.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceHarness;
import org.bftee.core.service.ServiceInvoker;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.state.ObjectStore;
import org.bftee.core.state.ObjectStoreLimits;
import org.junit.jupiter.api.Test;

class BankServiceTest {

    private static final int ALICE = 1;
    private static final int BOB = 2;

    private final BankService service = new BankService();
    private final ServiceHarness bank = new ServiceHarness(service, new ObjectStoreLimits(16, 256, 4));

    private ServiceResult call(ServiceHarness on, int principal, BankOperation operation) {
        return operation.type().isReadOnly()
                ? on.read(principal, BankOperations.encode(operation))
                : on.call(principal, BankOperations.encode(operation));
    }

    private ServiceResult call(int principal, BankOperation operation) {
        return call(bank, principal, operation);
    }

    private static ServiceResult code(ResultCode code) {
        return new ServiceResult(code, Bytes.EMPTY);
    }

    private static ServiceResult amount(long amount) {
        return ServiceResult.decode(ServiceResult.ok(amount)).orElseThrow();
    }

    private void openWithBalance(int owner, long account, long balance) {
        assertEquals(ResultCode.OK, call(owner, new BankOperation.OpenAccount(account)).code());
        if (balance > 0) {
            assertEquals(ResultCode.OK, call(owner, new BankOperation.Deposit(account, balance)).code());
        }
    }

    @Test
    void openAccountOnceOnly() {
        assertEquals(code(ResultCode.OK), call(ALICE, new BankOperation.OpenAccount(7)));
        assertEquals(code(ResultCode.CONFLICT), call(ALICE, new BankOperation.OpenAccount(7)));
        assertEquals(code(ResultCode.CONFLICT), call(BOB, new BankOperation.OpenAccount(7)));
        assertEquals(amount(0), call(ALICE, new BankOperation.Balance(7)));
    }

    @Test
    void openIntoAFullBucketIsRejected() {
        // Two objects: the ledger total and one bucket of 24 bytes, which holds a single account.
        ServiceHarness tiny = new ServiceHarness(service, new ObjectStoreLimits(2, 24, 4));
        assertEquals(code(ResultCode.OK), call(tiny, ALICE, new BankOperation.OpenAccount(1)));
        assertEquals(code(ResultCode.FULL), call(tiny, BOB, new BankOperation.OpenAccount(2)));
        assertEquals(code(ResultCode.NOT_FOUND), call(tiny, BOB, new BankOperation.Balance(2)));
    }

    @Test
    void depositOnlyPositiveAmountsIntoOwnAccounts() {
        openWithBalance(ALICE, 1, 0);
        assertEquals(amount(50), call(ALICE, new BankOperation.Deposit(1, 50)));
        assertEquals(amount(60), call(ALICE, new BankOperation.Deposit(1, 10)));
        assertEquals(code(ResultCode.INVALID_ARGUMENT), call(ALICE, new BankOperation.Deposit(1, 0)));
        assertEquals(code(ResultCode.INVALID_ARGUMENT), call(ALICE, new BankOperation.Deposit(1, -5)));
        assertEquals(code(ResultCode.NOT_FOUND), call(ALICE, new BankOperation.Deposit(2, 5)));
        assertEquals(code(ResultCode.FORBIDDEN), call(BOB, new BankOperation.Deposit(1, 5)));
        assertEquals(amount(60), call(ALICE, new BankOperation.Balance(1)));
    }

    @Test
    void depositsThatWouldOverflowTheLedgerTotalAreRejected() {
        openWithBalance(ALICE, 1, Long.MAX_VALUE - 1);
        openWithBalance(BOB, 2, 1);
        assertEquals(code(ResultCode.OVERFLOW), call(BOB, new BankOperation.Deposit(2, 1)));
        assertEquals(code(ResultCode.OVERFLOW), call(ALICE, new BankOperation.Deposit(1, Long.MAX_VALUE)));
        assertEquals(amount(Long.MAX_VALUE), call(BOB, new BankOperation.Total()));
        // Everything can still move: a transfer never overflows while balances stay below the total.
        assertEquals(amount(0), call(ALICE, new BankOperation.Transfer(1, 2, Long.MAX_VALUE - 1)));
        assertEquals(amount(Long.MAX_VALUE), call(BOB, new BankOperation.Balance(2)));
    }

    @Test
    void transferRules() {
        openWithBalance(ALICE, 1, 100);
        openWithBalance(BOB, 2, 0);
        assertEquals(amount(70), call(ALICE, new BankOperation.Transfer(1, 2, 30)));
        assertEquals(amount(30), call(BOB, new BankOperation.Balance(2)));
        assertEquals(code(ResultCode.INVALID_ARGUMENT), call(ALICE, new BankOperation.Transfer(1, 2, 0)));
        assertEquals(code(ResultCode.INVALID_ARGUMENT), call(ALICE, new BankOperation.Transfer(1, 2, Long.MIN_VALUE)));
        assertEquals(code(ResultCode.NOT_FOUND), call(ALICE, new BankOperation.Transfer(9, 2, 1)));
        assertEquals(code(ResultCode.FORBIDDEN), call(BOB, new BankOperation.Transfer(1, 2, 1)));
        assertEquals(code(ResultCode.NOT_FOUND), call(ALICE, new BankOperation.Transfer(1, 9, 1)));
        assertEquals(code(ResultCode.INSUFFICIENT_FUNDS), call(ALICE, new BankOperation.Transfer(1, 2, 71)));
        assertEquals(amount(70), call(ALICE, new BankOperation.Transfer(1, 1, 70)));
        assertEquals(amount(0), call(ALICE, new BankOperation.Transfer(1, 2, 70)));
        assertEquals(amount(100), call(ALICE, new BankOperation.Total()));
    }

    @Test
    void transferWithinOneBucket() {
        // Two objects: every account shares the single bucket.
        ServiceHarness one = new ServiceHarness(service, new ObjectStoreLimits(2, 256, 4));
        call(one, ALICE, new BankOperation.OpenAccount(1));
        call(one, BOB, new BankOperation.OpenAccount(2));
        call(one, ALICE, new BankOperation.Deposit(1, 10));
        assertEquals(amount(4), call(one, ALICE, new BankOperation.Transfer(1, 2, 6)));
        assertEquals(amount(6), call(one, BOB, new BankOperation.Balance(2)));
        assertEquals(amount(10), call(one, BOB, new BankOperation.Total()));
    }

    @Test
    void balanceIsPrivateAndTotalIsPublic() {
        openWithBalance(ALICE, 1, 5);
        openWithBalance(BOB, -3, 7);
        assertEquals(code(ResultCode.FORBIDDEN), call(BOB, new BankOperation.Balance(1)));
        assertEquals(code(ResultCode.NOT_FOUND), call(BOB, new BankOperation.Balance(4)));
        assertEquals(amount(7), call(BOB, new BankOperation.Balance(-3)));
        assertEquals(amount(12), call(99, new BankOperation.Total()));
    }

    @Test
    void malformedAndReadOnlyViolations() {
        assertEquals(code(ResultCode.MALFORMED), bank.call(ALICE, Bytes.of(new byte[] {3, 1})));
        Bytes open = BankOperations.encode(new BankOperation.OpenAccount(1));
        InvocationContext readOnly = new InvocationContext(ALICE, 0, 1, true, 0, 0);
        assertEquals(ServiceResult.encode(ResultCode.FORBIDDEN),
                service.execute(open, readOnly, bank.store().readOnlyView()));
        assertTrue(service.isReadOnly(BankOperations.encode(new BankOperation.Total())));
        assertFalse(service.isReadOnly(open));
    }

    @Test
    void storeTooSmallForTheLedgerIsAServiceFailure() {
        ObjectStore store = new ObjectStore(new ObjectStoreLimits(1, 64, 4));
        store.beginBatch(1);
        ServiceInvoker.Outcome outcome = new ServiceInvoker(service, 64).execute(
                BankOperations.encode(new BankOperation.OpenAccount(1)), new InvocationContext(ALICE, 0, 1, false, 0, 1),
                store);
        assertEquals(ServiceResult.encode(ResultCode.SERVICE_FAILURE), outcome.result());
        assertTrue(outcome.failure().isPresent());
    }

    @Test
    void accountsHashIntoTheBucketObjects() {
        for (long account = -50; account < 50; account++) {
            int bucket = BankService.bucketOf(account, 16);
            assertTrue(bucket >= 1 && bucket < 16);
        }
        assertEquals(1, BankService.bucketOf(Long.MIN_VALUE, 2));
    }
}
