package org.bftee.runtime.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.bank.BankOperation;
import org.bftee.core.service.bank.BankOperations;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientException;

/**
 * Bank traffic through one client session, with a tally of what the group acknowledged, for tests that
 * crash replicas under load. Two kinds of thread:
 * <ul>
 *   <li>transferrers move random amounts between the {@code transferAccounts}, so their sum never
 *       changes (the bank's invariant);</li>
 *   <li>each depositor owns one account and deposits 1 at a time, one call after another, so its
 *       balance counts the deposits that executed: at least the acknowledged ones, at most those plus
 *       the calls whose outcome it never learnt. A deposit answers the balance after it, which must
 *       grow with every acknowledged deposit: a smaller one means an acknowledged deposit was lost.</li>
 * </ul>
 * A call that times out or finds the group unreachable has an unknown outcome (it may still execute);
 * conflicting replies are a safety failure and are kept as such.
 */
final class BankLoad {

    /** Transfer accounts are 1..count; depositor i owns account {@value #DEPOSIT_ACCOUNT_BASE} + i. */
    static final long DEPOSIT_ACCOUNT_BASE = 1_000;

    private final BftClient client;
    private final int transferAccounts;
    private final long initialBalance;
    private final Depositor[] depositors;
    private final int transferrers;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong transfersAnswered = new AtomicLong();
    private final AtomicLong transfersUnknown = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    BankLoad(BftClient client, int transferAccounts, long initialBalance, int transferrers, int depositors) {
        this.client = client;
        this.transferAccounts = transferAccounts;
        this.initialBalance = initialBalance;
        this.transferrers = transferrers;
        this.depositors = new Depositor[depositors];
        for (int i = 0; i < depositors; i++) {
            this.depositors[i] = new Depositor(DEPOSIT_ACCOUNT_BASE + i);
        }
    }

    /** Opens every account and funds the transfer accounts; each call must be answered OK. */
    void setUp() throws BftClientException, InterruptedException {
        for (long account = 1; account <= transferAccounts; account++) {
            expectOk(new BankOperation.OpenAccount(account));
            expectOk(new BankOperation.Deposit(account, initialBalance));
        }
        for (Depositor depositor : depositors) {
            expectOk(new BankOperation.OpenAccount(depositor.account));
        }
    }

    /** The sum of the transfer accounts, which transfers never change. */
    long transferTotal() {
        return transferAccounts * initialBalance;
    }

    void start(long seed) {
        running.set(true);
        for (int i = 0; i < transferrers; i++) {
            Random random = new Random(seed + i);
            threads.add(started(new Thread(() -> transferUntilStopped(random), "bank-transfers-" + i)));
        }
        for (Depositor depositor : depositors) {
            threads.add(started(new Thread(depositor::run, "bank-deposits-" + depositor.account)));
        }
    }

    private static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    /** Stops the threads after their current call (each is bounded by the client's call timeout). */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(2));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop");
            }
        }
    }

    /** Calls the group answered: transfers (whatever the ledger said) and acknowledged deposits. */
    long acknowledged() {
        return transfersAnswered.get() + depositsAcknowledged();
    }

    long transfersAnswered() {
        return transfersAnswered.get();
    }

    long transfersUnknown() {
        return transfersUnknown.get();
    }

    long depositsAcknowledged() {
        long sum = 0;
        for (Depositor depositor : depositors) {
            sum += depositor.acknowledged;
        }
        return sum;
    }

    long depositsUnknown() {
        long sum = 0;
        for (Depositor depositor : depositors) {
            sum += depositor.unknown;
        }
        return sum;
    }

    /** Safety failures seen under load: conflicting replies, answers no correct group gives. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Reads every account's balance and the service's own sum of all balances, and compares them with
     * the tally. Call after {@link #stop()}. The reads are read-only requests of {@code reader}, answered
     * by {@code 2f + 1} matching replies.
     */
    Audit audit(BftClient reader) throws BftClientException, InterruptedException {
        List<String> broken = new ArrayList<>();
        long transferSum = 0;
        for (long account = 1; account <= transferAccounts; account++) {
            long balance = balance(reader, account);
            if (balance < 0) {
                broken.add("account " + account + " is below zero: " + balance);
            }
            transferSum += balance;
        }
        if (transferSum != transferTotal()) {
            broken.add("the transfer accounts hold " + transferSum + ", not " + transferTotal());
        }
        long depositsFound = 0;
        for (Depositor depositor : depositors) {
            long balance = balance(reader, depositor.account);
            depositsFound += balance;
            if (balance < depositor.lastAcknowledgedBalance || balance < depositor.acknowledged) {
                broken.add("account " + depositor.account + " holds " + balance + " after " + depositor.acknowledged
                        + " acknowledged deposits of 1 (the last answered balance " + depositor.lastAcknowledgedBalance
                        + "): acknowledged deposits are missing");
            }
            if (balance > depositor.acknowledged + depositor.unknown) {
                broken.add("account " + depositor.account + " holds " + balance + ", more than its "
                        + depositor.acknowledged + " acknowledged and " + depositor.unknown + " unanswered deposits");
            }
            broken.addAll(depositor.regressions);
        }
        long serviceTotal = answer(reader, BankOperations.encode(new BankOperation.Total()));
        if (serviceTotal != transferSum + depositsFound) {
            broken.add("the service sums all balances to " + serviceTotal + ", the accounts to "
                    + (transferSum + depositsFound));
        }
        return new Audit(transferSum, depositsFound, serviceTotal, List.copyOf(broken));
    }

    /**
     * @param depositsFound the depositors' balances summed: the deposits that executed
     * @param broken        every violated expectation, empty if the bank is as the tally says
     */
    record Audit(long transferSum, long depositsFound, long serviceTotal, List<String> broken) {
    }

    private void transferUntilStopped(Random random) {
        while (running.get()) {
            long from = 1 + random.nextInt(transferAccounts);
            long to = 1 + random.nextInt(transferAccounts);
            long amount = 1 + random.nextInt(50);
            try {
                Bytes result = client.invoke(bank(new BankOperation.Transfer(from, to, amount)), false);
                ResultCode code = code(result);
                if (code != ResultCode.OK && code != ResultCode.INSUFFICIENT_FUNDS) {
                    failures.add("transfer " + from + " -> " + to + " answered " + code);
                }
                transfersAnswered.incrementAndGet();
            } catch (BftClientException.Timeout | BftClientException.GroupUnreachable unknown) {
                transfersUnknown.incrementAndGet();
            } catch (BftClientException other) {
                failures.add("transfer " + from + " -> " + to + ": " + other);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /**
     * One depositor's thread and tally. Only its thread writes; the counts are volatile because the test
     * reads them for progress while it runs, the rest is read once the thread has ended.
     */
    private final class Depositor {
        final long account;
        volatile long acknowledged;
        volatile long unknown;
        long lastAcknowledgedBalance;
        final List<String> regressions = new ArrayList<>();

        Depositor(long account) {
            this.account = account;
        }

        void run() {
            while (running.get()) {
                try {
                    Bytes result = client.invoke(bank(new BankOperation.Deposit(account, 1)), false);
                    long balance = ServiceResult.decode(result).filter(r -> r.code() == ResultCode.OK)
                            .flatMap(ServiceResult::payloadAsLong).orElse(-1L);
                    if (balance <= lastAcknowledgedBalance) {
                        regressions.add("a deposit into " + account + " answered balance " + balance
                                + " after an earlier one answered " + lastAcknowledgedBalance);
                    }
                    lastAcknowledgedBalance = Math.max(lastAcknowledgedBalance, balance);
                    acknowledged++;
                } catch (BftClientException.Timeout | BftClientException.GroupUnreachable outcomeUnknown) {
                    unknown++;
                } catch (BftClientException other) {
                    failures.add("deposit into " + account + ": " + other);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private static long balance(BftClient reader, long account) throws BftClientException, InterruptedException {
        return answer(reader, BankOperations.encode(new BankOperation.Balance(account)));
    }

    private static long answer(BftClient reader, Bytes operation) throws BftClientException, InterruptedException {
        Bytes result = reader.invoke(ShippedServices.forBank(operation), true);
        return ServiceResult.decode(result).filter(r -> r.code() == ResultCode.OK)
                .flatMap(ServiceResult::payloadAsLong)
                .orElseThrow(() -> new IllegalStateException("the bank answered " + code(result)));
    }

    private void expectOk(BankOperation operation) throws BftClientException, InterruptedException {
        ResultCode code = code(client.invoke(bank(operation), false));
        if (code != ResultCode.OK) {
            throw new IllegalStateException(operation + " answered " + code);
        }
    }

    private static Bytes bank(BankOperation operation) {
        return ShippedServices.forBank(BankOperations.encode(operation));
    }

    private static ResultCode code(Bytes result) {
        return ServiceResult.decode(result).map(ServiceResult::code).orElse(null);
    }
}
