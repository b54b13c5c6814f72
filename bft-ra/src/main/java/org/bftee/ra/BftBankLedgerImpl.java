package org.bftee.ra;

import jakarta.resource.ResourceException;
import java.util.concurrent.CompletableFuture;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.bank.BankOperation;
import org.bftee.core.service.bank.BankOperations;
import org.bftee.ra.api.BftBankLedger;

/**
 * The bank ledger helpers of one handle: operations encoded by bft-core's {@link BankOperations} and
 * addressed to the ledger of the shipped services ({@link ShippedServices}, what a replica runs by
 * default), sent through the handle; balances read as the one 64-bit number the ledger answers.
 */
final class BftBankLedgerImpl implements BftBankLedger {

    private final BftConnectionImpl connection;

    BftBankLedgerImpl(BftConnectionImpl connection) {
        this.connection = connection;
    }

    @Override
    public void open(long account) throws ResourceException {
        connection.blocking(() -> openAsync(account));
    }

    @Override
    public long deposit(long account, long amount) throws ResourceException {
        return connection.blocking(() -> depositAsync(account, amount));
    }

    @Override
    public long transfer(long from, long to, long amount) throws ResourceException {
        return connection.blocking(() -> transferAsync(from, to, amount));
    }

    @Override
    public long balance(long account) throws ResourceException {
        return connection.blocking(() -> balanceAsync(account));
    }

    @Override
    public long total() throws ResourceException {
        return connection.blocking(this::totalAsync);
    }

    @Override
    public CompletableFuture<Void> openAsync(long account) throws ResourceException {
        return Stages.decode(write(new BankOperation.OpenAccount(account)), payload -> null);
    }

    @Override
    public CompletableFuture<Long> depositAsync(long account, long amount) throws ResourceException {
        return Stages.decode(write(new BankOperation.Deposit(account, amount)), Results::longPayload);
    }

    @Override
    public CompletableFuture<Long> transferAsync(long from, long to, long amount) throws ResourceException {
        return Stages.decode(write(new BankOperation.Transfer(from, to, amount)), Results::longPayload);
    }

    @Override
    public CompletableFuture<Long> balanceAsync(long account) throws ResourceException {
        return Stages.decode(read(new BankOperation.Balance(account)), Results::longPayload);
    }

    @Override
    public CompletableFuture<Long> totalAsync() throws ResourceException {
        return Stages.decode(read(new BankOperation.Total()), Results::longPayload);
    }

    private CompletableFuture<byte[]> write(BankOperation operation) throws ResourceException {
        return connection.invokeAsync(ShippedServices.forBank(BankOperations.encode(operation)).toByteArray(), false);
    }

    private CompletableFuture<byte[]> read(BankOperation operation) throws ResourceException {
        return connection.invokeAsync(ShippedServices.forBank(BankOperations.encode(operation)).toByteArray(), true);
    }
}
