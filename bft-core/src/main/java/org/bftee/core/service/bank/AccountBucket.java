package org.bftee.core.service.bank;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bftee.core.message.Bytes;

/**
 * The accounts of one bucket object, sorted by account id. Format: {@code count:u32 | count x
 * (account:i64 | owner:i32 | balance:i64)}; no accounts is the empty object. Only the service
 * writes buckets, so one that does not decode is a bug (or corrupt state) and fails loudly.
 */
final class AccountBucket {

    static final int HEADER_BYTES = 4;
    static final int ACCOUNT_BYTES = 8 + 4 + 8;

    /** One account; mutable only through the bucket, which the service writes back. */
    static final class Account {
        final long id;
        final int owner;
        long balance;

        Account(long id, int owner, long balance) {
            this.id = id;
            this.owner = owner;
            this.balance = balance;
        }
    }

    final int index;
    private final List<Account> accounts;

    private AccountBucket(int index, List<Account> accounts) {
        this.index = index;
        this.accounts = accounts;
    }

    static AccountBucket decode(int index, Bytes object) {
        if (object.isEmpty()) {
            return new AccountBucket(index, new ArrayList<>());
        }
        ByteBuffer buffer = object.asReadOnlyBuffer();
        int count = buffer.remaining() >= HEADER_BYTES ? buffer.getInt() : -1;
        if (count < 1 || buffer.remaining() != (long) count * ACCOUNT_BYTES) {
            throw new IllegalStateException("account bucket " + index + " is corrupt: " + object);
        }
        List<Account> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Account account = new Account(buffer.getLong(), buffer.getInt(), buffer.getLong());
            if (account.balance < 0 || (i > 0 && accounts.get(i - 1).id >= account.id)) {
                throw new IllegalStateException("account bucket " + index + " is corrupt at account " + account.id);
            }
            accounts.add(account);
        }
        return new AccountBucket(index, accounts);
    }

    List<Account> accounts() {
        return accounts;
    }

    /** The account, or null when this bucket has none with that id. */
    Account find(long id) {
        int position = position(id);
        return position >= 0 ? accounts.get(position) : null;
    }

    private int position(long id) {
        int low = 0;
        int high = accounts.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = accounts.get(middle).id;
            if (found < id) {
                low = middle + 1;
            } else if (found > id) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /** Encoded bytes with one more account. */
    long encodedLengthWithOneMore() {
        return HEADER_BYTES + (long) (accounts.size() + 1) * ACCOUNT_BYTES;
    }

    /** Adds a new account with balance 0; the caller has checked that the id is free. */
    void open(long id, int owner) {
        int position = position(id);
        if (position >= 0) {
            throw new IllegalStateException("account " + id + " is already open");
        }
        accounts.add(-position - 1, new Account(id, owner, 0));
    }

    Bytes encode() {
        if (accounts.isEmpty()) {
            return Bytes.EMPTY;
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + accounts.size() * ACCOUNT_BYTES).putInt(accounts.size());
        for (Account account : accounts) {
            buffer.putLong(account.id).putInt(account.owner).putLong(account.balance);
        }
        return Bytes.wrap(buffer.array());
    }
}
