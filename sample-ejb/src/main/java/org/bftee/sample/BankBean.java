package org.bftee.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ResourceException;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftConnectionFactory;

/**
 * The bank ledger of the replica group. The accounts belong to the application server's client
 * principal (the connection factory's), so this server may move money between any of them; the
 * replicas check that, not this bean.
 *
 * <p>Single operations run without a transaction ({@code NOT_SUPPORTED}): each is atomic at the
 * replicas by itself. {@link #transferBoth} shows a container-managed transaction: its two transfers
 * are collected and sent at commit as one request, applied both or neither.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BankBean {

    @Resource(lookup = "java:/eis/bft")
    private BftConnectionFactory connectionFactory;

    public void open(long account) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            connection.bank().open(account);
        }
    }

    /** @return the account's new balance */
    public long deposit(long account, long amount) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.bank().deposit(account, amount);
        }
    }

    /** @return the source account's new balance; a transfer that would overdraw is refused */
    public long transfer(long from, long to, long amount) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.bank().transfer(from, to, amount);
        }
    }

    public long balance(long account) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.bank().balance(account);
        }
    }

    /** The sum of all balances, which stays the sum of all deposits. */
    public long total() throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.bank().total();
        }
    }

    /**
     * Two transfers in one transaction: both apply at commit or neither does (if either would
     * overdraw, the replicas abort the whole and the container's commit fails). The stages complete
     * only after commit, so this method cannot return their results; the caller reads the balances.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void transferBoth(long from, long to, long amount, long secondFrom, long secondTo, long secondAmount)
            throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            connection.bank().transferAsync(from, to, amount);
            connection.bank().transferAsync(secondFrom, secondTo, secondAmount);
            // Nothing has been sent yet: the container commits the transaction after this method returns.
        }
    }
}
