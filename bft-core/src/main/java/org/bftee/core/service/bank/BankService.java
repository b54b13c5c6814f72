package org.bftee.core.service.bank;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.Service;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.state.ObjectStoreView;

/**
 * The shipped bank ledger: accounts owned by client principals, deposits, transfers that never
 * overdraw, balances and the ledger total (operations and their answers in {@link BankOperation},
 * wire format in {@link BankOperations}).
 *
 * <p>State layout. Object 0 holds the ledger total ({@code total:i64}, absent = 0): the sum of all
 * deposits, which is also the sum of all balances. Keeping it lets a deposit that would make the sum
 * overflow answer {@code OVERFLOW}; since every balance is at most the total, no transfer can
 * overflow. Objects {@code 1 .. objectCount-1} are account buckets ({@link AccountBucket}); account
 * {@code a} lives in bucket {@code 1 + (splitmix64(a) mod (objectCount - 1))}, unsigned, with the
 * SplitMix64 finaliser (Steele, Lea and Flood, 2014) as fixed mixing function. A store with fewer
 * than two objects is a deployment error and fails on first use.
 *
 * <p>Access control: deposit, transfer (from) and balance only on accounts the caller owns;
 * transfers may go to any open account; the total is public. Deterministic and single-threaded,
 * like every {@link Service}.
 */
public final class BankService implements Service {

    /** The object holding the ledger total. */
    static final int TOTAL_OBJECT = 0;

    @Override
    public boolean isReadOnly(Bytes operation) {
        return BankOperations.isReadOnly(operation);
    }

    @Override
    public Bytes execute(Bytes operation, InvocationContext context, ObjectStoreView state) {
        if (state.objectCount() < 2) {
            throw new IllegalStateException("the bank ledger needs at least 2 objects, the store has "
                    + state.objectCount());
        }
        Optional<BankOperation> decoded = BankOperations.decode(operation);
        if (decoded.isEmpty()) {
            return ServiceResult.encode(ResultCode.MALFORMED);
        }
        BankOperation op = decoded.get();
        if (context.readOnly() && !op.type().isReadOnly()) {
            return ServiceResult.encode(ResultCode.FORBIDDEN);
        }
        int caller = context.clientPrincipal();
        return switch (op.type()) {
            case OPEN_ACCOUNT -> open(((BankOperation.OpenAccount) op).account(), caller, state);
            case DEPOSIT -> deposit((BankOperation.Deposit) op, caller, state);
            case TRANSFER -> transfer((BankOperation.Transfer) op, caller, state);
            case BALANCE -> balance(((BankOperation.Balance) op).account(), caller, state);
            case TOTAL -> total(state);
        };
    }

    /** Bucket object of {@code account}. */
    static int bucketOf(long account, int objectCount) {
        long z = account + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return 1 + (int) Long.remainderUnsigned(z, objectCount - 1);
    }

    private static AccountBucket bucket(long account, ObjectStoreView state) {
        int index = bucketOf(account, state.objectCount());
        return AccountBucket.decode(index, state.read(index));
    }

    private static Bytes open(long account, int caller, ObjectStoreView state) {
        AccountBucket bucket = bucket(account, state);
        if (bucket.find(account) != null) {
            return ServiceResult.encode(ResultCode.CONFLICT);
        }
        if (bucket.encodedLengthWithOneMore() > state.objectBytesMax()) {
            return ServiceResult.encode(ResultCode.FULL);
        }
        bucket.open(account, caller);
        state.write(bucket.index, bucket.encode());
        return ServiceResult.ok(Bytes.EMPTY);
    }

    private static Bytes deposit(BankOperation.Deposit deposit, int caller, ObjectStoreView state) {
        if (deposit.amount() <= 0) {
            return ServiceResult.encode(ResultCode.INVALID_ARGUMENT);
        }
        AccountBucket bucket = bucket(deposit.account(), state);
        AccountBucket.Account account = bucket.find(deposit.account());
        if (account == null) {
            return ServiceResult.encode(ResultCode.NOT_FOUND);
        }
        if (account.owner != caller) {
            return ServiceResult.encode(ResultCode.FORBIDDEN);
        }
        long total;
        long balance;
        try {
            total = Math.addExact(readTotal(state), deposit.amount());
            balance = Math.addExact(account.balance, deposit.amount());
        } catch (ArithmeticException overflow) {
            return ServiceResult.encode(ResultCode.OVERFLOW);
        }
        account.balance = balance;
        state.write(bucket.index, bucket.encode());
        state.write(TOTAL_OBJECT, Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(total).array()));
        return ServiceResult.ok(balance);
    }

    private static Bytes transfer(BankOperation.Transfer transfer, int caller, ObjectStoreView state) {
        if (transfer.amount() <= 0) {
            return ServiceResult.encode(ResultCode.INVALID_ARGUMENT);
        }
        AccountBucket fromBucket = bucket(transfer.from(), state);
        AccountBucket.Account from = fromBucket.find(transfer.from());
        if (from == null) {
            return ServiceResult.encode(ResultCode.NOT_FOUND);
        }
        if (from.owner != caller) {
            return ServiceResult.encode(ResultCode.FORBIDDEN);
        }
        // Both accounts in one bucket must be changed in one decoded copy, or one write would undo the other.
        AccountBucket toBucket = bucketOf(transfer.to(), state.objectCount()) == fromBucket.index
                ? fromBucket : bucket(transfer.to(), state);
        AccountBucket.Account to = toBucket.find(transfer.to());
        if (to == null) {
            return ServiceResult.encode(ResultCode.NOT_FOUND);
        }
        if (from.balance < transfer.amount()) {
            return ServiceResult.encode(ResultCode.INSUFFICIENT_FUNDS);
        }
        if (from == to) {
            return ServiceResult.ok(from.balance);
        }
        long credited;
        try {
            credited = Math.addExact(to.balance, transfer.amount());
        } catch (ArithmeticException overflow) {
            // Unreachable while every balance is at most the ledger total; kept so that a broken
            // invariant shows as an answer rather than as negative money.
            return ServiceResult.encode(ResultCode.OVERFLOW);
        }
        from.balance -= transfer.amount();
        to.balance = credited;
        state.write(fromBucket.index, fromBucket.encode());
        if (toBucket != fromBucket) {
            state.write(toBucket.index, toBucket.encode());
        }
        return ServiceResult.ok(from.balance);
    }

    private static Bytes balance(long account, int caller, ObjectStoreView state) {
        AccountBucket.Account found = bucket(account, state).find(account);
        if (found == null) {
            return ServiceResult.encode(ResultCode.NOT_FOUND);
        }
        if (found.owner != caller) {
            return ServiceResult.encode(ResultCode.FORBIDDEN);
        }
        return ServiceResult.ok(found.balance);
    }

    /** Recomputes the sum of all balances, so that the ledger invariant can be checked from outside. */
    private static Bytes total(ObjectStoreView state) {
        long sum = 0;
        try {
            for (int index = 1; index < state.objectCount(); index++) {
                for (AccountBucket.Account account : AccountBucket.decode(index, state.read(index)).accounts()) {
                    sum = Math.addExact(sum, account.balance);
                }
            }
        } catch (ArithmeticException overflow) {
            return ServiceResult.encode(ResultCode.OVERFLOW);
        }
        return ServiceResult.ok(sum);
    }

    private static long readTotal(ObjectStoreView state) {
        Bytes total = state.read(TOTAL_OBJECT);
        if (total.isEmpty()) {
            return 0;
        }
        if (total.length() != Long.BYTES) {
            throw new IllegalStateException("the ledger total object is corrupt: " + total);
        }
        return total.asReadOnlyBuffer().getLong();
    }
}
