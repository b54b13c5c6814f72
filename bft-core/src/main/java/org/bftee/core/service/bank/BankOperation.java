package org.bftee.core.service.bank;

/**
 * A bank ledger operation. Account ids are chosen by the client that opens the account (any
 * {@code long}, first come first served) and the account is owned by that client's principal.
 * Amounts are in the smallest currency unit; the service answers {@code INVALID_ARGUMENT} to a
 * non-positive one, so the record accepts any value and the codec round-trips it.
 */
public sealed interface BankOperation {

    BankOperationType type();

    /** Opens {@code account} with balance 0 for the caller: {@code OK}, {@code CONFLICT} if taken, {@code FULL}. */
    record OpenAccount(long account) implements BankOperation {
        @Override
        public BankOperationType type() {
            return BankOperationType.OPEN_ACCOUNT;
        }
    }

    /**
     * Adds {@code amount} to an account the caller owns: {@code OK} with the new balance,
     * {@code INVALID_ARGUMENT}, {@code NOT_FOUND}, {@code FORBIDDEN}, or {@code OVERFLOW} if the
     * ledger's total would exceed {@code Long.MAX_VALUE}.
     */
    record Deposit(long account, long amount) implements BankOperation {
        @Override
        public BankOperationType type() {
            return BankOperationType.DEPOSIT;
        }
    }

    /**
     * Moves {@code amount} from an account the caller owns to any account: {@code OK} with the
     * source's new balance, {@code INVALID_ARGUMENT}, {@code NOT_FOUND}, {@code FORBIDDEN} or
     * {@code INSUFFICIENT_FUNDS}. Never overdraws.
     */
    record Transfer(long from, long to, long amount) implements BankOperation {
        @Override
        public BankOperationType type() {
            return BankOperationType.TRANSFER;
        }
    }

    /** The balance of an account the caller owns: {@code OK} with it, {@code NOT_FOUND} or {@code FORBIDDEN}. Read-only. */
    record Balance(long account) implements BankOperation {
        @Override
        public BankOperationType type() {
            return BankOperationType.BALANCE;
        }
    }

    /**
     * The sum of all balances, recomputed over every account, for anyone: {@code OK} with it.
     * Read-only. It equals the sum of all successful deposits, since transfers move money and
     * nothing else creates or destroys it.
     */
    record Total() implements BankOperation {
        @Override
        public BankOperationType type() {
            return BankOperationType.TOTAL;
        }
    }
}
