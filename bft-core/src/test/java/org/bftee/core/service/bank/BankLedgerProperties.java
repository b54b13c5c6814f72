package org.bftee.core.service.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceHarness;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.state.ObjectStoreLimits;

/**
 * Random operations from several principals against a model ledger: every answer matches the model,
 * no balance goes negative, and the total always equals the sum of successful deposits.
 */
class BankLedgerProperties {

    private static final int PRINCIPALS = 3;
    private static final int ACCOUNTS = 6;

    record Step(int principal, BankOperation operation) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> account = Arbitraries.longs().between(0, ACCOUNTS - 1);
        Arbitrary<Long> amount = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(1, 100)),
                Tuple.of(1, Arbitraries.longs().between(-5, 0)),
                Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE / 2, Long.MIN_VALUE)));
        Arbitrary<BankOperation> operation = Arbitraries.frequencyOf(
                Tuple.of(2, account.map(a -> (BankOperation) new BankOperation.OpenAccount(a))),
                Tuple.of(3, Combinators.combine(account, amount).as(BankOperation.Deposit::new)),
                Tuple.of(6, Combinators.combine(account, account, amount).as(BankOperation.Transfer::new)),
                Tuple.of(1, account.map(BankOperation.Balance::new)));
        return Combinators.combine(Arbitraries.integers().between(0, PRINCIPALS - 1), operation).as(Step::new)
                .list().ofMaxSize(80);
    }

    private record Account(int owner, long balance) {
    }

    @Property(tries = 300)
    void moneyIsConservedExceptForDeposits(@ForAll("steps") List<Step> steps) {
        ServiceHarness bank = new ServiceHarness(new BankService(), new ObjectStoreLimits(4, 1024, 4));
        Map<Long, Account> model = new HashMap<>();
        long deposited = 0;
        for (Step step : steps) {
            ServiceResult expected = expect(model, deposited, step);
            BankOperation op = step.operation();
            ServiceResult actual = op.type().isReadOnly()
                    ? bank.read(step.principal(), BankOperations.encode(op))
                    : bank.call(step.principal(), BankOperations.encode(op));
            assertEquals(expected, actual, step.toString());
            if (actual.code() == ResultCode.OK) {
                deposited = apply(model, deposited, step);
            }
            ServiceResult total = bank.read(0, BankOperations.encode(new BankOperation.Total()));
            assertEquals(deposited, total.payloadAsLong().orElseThrow());
            if (bank.sequence() % 16 == 0 && !bank.store().isRetained(bank.sequence())) {
                bank.store().discardCheckpointsBefore(bank.store().newestCheckpoint());
                bank.store().checkpoint(bank.sequence());
            }
        }
        model.values().forEach(account -> assertTrue(account.balance() >= 0));
        bank.store().checkInvariants();
    }

    private static ServiceResult expect(Map<Long, Account> model, long deposited, Step step) {
        int caller = step.principal();
        if (step.operation() instanceof BankOperation.OpenAccount open) {
            return model.containsKey(open.account()) ? code(ResultCode.CONFLICT) : code(ResultCode.OK);
        }
        if (step.operation() instanceof BankOperation.Deposit deposit) {
            Account account = model.get(deposit.account());
            if (deposit.amount() <= 0) {
                return code(ResultCode.INVALID_ARGUMENT);
            }
            if (account == null) {
                return code(ResultCode.NOT_FOUND);
            }
            if (account.owner() != caller) {
                return code(ResultCode.FORBIDDEN);
            }
            if (deposited > Long.MAX_VALUE - deposit.amount()) {
                return code(ResultCode.OVERFLOW);
            }
            return amount(account.balance() + deposit.amount());
        }
        if (step.operation() instanceof BankOperation.Transfer transfer) {
            Account from = model.get(transfer.from());
            if (transfer.amount() <= 0) {
                return code(ResultCode.INVALID_ARGUMENT);
            }
            if (from == null) {
                return code(ResultCode.NOT_FOUND);
            }
            if (from.owner() != caller) {
                return code(ResultCode.FORBIDDEN);
            }
            if (!model.containsKey(transfer.to())) {
                return code(ResultCode.NOT_FOUND);
            }
            if (from.balance() < transfer.amount()) {
                return code(ResultCode.INSUFFICIENT_FUNDS);
            }
            return amount(transfer.from() == transfer.to() ? from.balance() : from.balance() - transfer.amount());
        }
        BankOperation.Balance balance = (BankOperation.Balance) step.operation();
        Account account = model.get(balance.account());
        if (account == null) {
            return code(ResultCode.NOT_FOUND);
        }
        return account.owner() != caller ? code(ResultCode.FORBIDDEN) : amount(account.balance());
    }

    private static long apply(Map<Long, Account> model, long deposited, Step step) {
        if (step.operation() instanceof BankOperation.OpenAccount open) {
            model.put(open.account(), new Account(step.principal(), 0));
        } else if (step.operation() instanceof BankOperation.Deposit deposit) {
            model.computeIfPresent(deposit.account(), (id, a) -> new Account(a.owner(), a.balance() + deposit.amount()));
            return deposited + deposit.amount();
        } else if (step.operation() instanceof BankOperation.Transfer transfer && transfer.from() != transfer.to()) {
            model.computeIfPresent(transfer.from(), (id, a) -> new Account(a.owner(), a.balance() - transfer.amount()));
            model.computeIfPresent(transfer.to(), (id, a) -> new Account(a.owner(), a.balance() + transfer.amount()));
        }
        return deposited;
    }

    private static ServiceResult code(ResultCode code) {
        return new ServiceResult(code, Bytes.EMPTY);
    }

    private static ServiceResult amount(long amount) {
        return ServiceResult.decode(ServiceResult.ok(amount)).orElseThrow();
    }
}
