package org.bftee.ra.api;

import jakarta.resource.ResourceException;
import java.util.concurrent.CompletionStage;

/**
 * The operations of the bank ledger that BFT-EE ships, on one {@link BftConnection}. Accounts are
 * numbered by the client that opens them and owned by its principal (the connection factory's
 * client); amounts are in the smallest currency unit and positive. A refusal arrives as
 * {@link BftOperationRejectedException}: {@code CONFLICT} (account taken), {@code NOT_FOUND},
 * {@code FORBIDDEN} (not the caller's account), {@code INVALID_ARGUMENT} (amount not positive),
 * {@code INSUFFICIENT_FUNDS} (a transfer never overdraws), {@code OVERFLOW}, {@code FULL}.
 *
 * <p>Each blocking method fails at once inside a transaction; its {@code …Async} twin is collected
 * into the transaction instead (see "Transactions" in {@link BftConnection}), where any refusal
 * aborts the whole.
 */
public interface BftBankLedger {

    /**
     * Opens {@code account} with balance 0, owned by this connection factory's client principal.
     *
     * @throws ResourceException as {@link BftConnection#invoke} does
     */
    void open(long account) throws ResourceException;

    /**
     * @return the account's new balance
     * @throws ResourceException as {@link BftConnection#invoke} does
     */
    long deposit(long account, long amount) throws ResourceException;

    /**
     * Moves {@code amount} from an account of the caller to any open account.
     *
     * @return the source account's new balance
     * @throws ResourceException as {@link BftConnection#invoke} does
     */
    long transfer(long from, long to, long amount) throws ResourceException;

    /**
     * @return the balance of an account of the caller, read with the read-only optimisation
     * @throws ResourceException as {@link BftConnection#invokeReadOnly} does
     */
    long balance(long account) throws ResourceException;

    /**
     * @return the sum of all balances of the ledger, which stays equal to the sum of all deposits;
     *         read with the read-only optimisation
     * @throws ResourceException as {@link BftConnection#invokeReadOnly} does
     */
    long total() throws ResourceException;

    /** {@link #open} without waiting; see {@link BftConnection#invokeAsync}. */
    CompletionStage<Void> openAsync(long account) throws ResourceException;

    /** {@link #deposit} without waiting. */
    CompletionStage<Long> depositAsync(long account, long amount) throws ResourceException;

    /** {@link #transfer} without waiting. */
    CompletionStage<Long> transferAsync(long from, long to, long amount) throws ResourceException;

    /** {@link #balance} without waiting. */
    CompletionStage<Long> balanceAsync(long account) throws ResourceException;

    /** {@link #total} without waiting. */
    CompletionStage<Long> totalAsync() throws ResourceException;
}
