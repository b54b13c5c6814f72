package org.bftee.sample;

import java.util.List;

/**
 * What the bank's invariant looks like now: no money made or lost (the balances of the workload's
 * accounts add up to the ledger total, which equals what was deposited) and no account below zero.
 *
 * @param accounts          the accounts read
 * @param balanceSum        the sum of their balances
 * @param ledgerTotal       the ledger's own total (the sum of all deposits)
 * @param expectedTotal     what the workload deposited
 * @param negativeAccounts  accounts whose balance is below zero (always empty on a correct ledger)
 */
public record BankAudit(int accounts, long balanceSum, long ledgerTotal, long expectedTotal,
                        List<Long> negativeAccounts) {

    public BankAudit {
        negativeAccounts = List.copyOf(negativeAccounts);
    }

    /** Whether the invariant holds. */
    public boolean holds() {
        return balanceSum == ledgerTotal && ledgerTotal == expectedTotal && negativeAccounts.isEmpty();
    }
}
