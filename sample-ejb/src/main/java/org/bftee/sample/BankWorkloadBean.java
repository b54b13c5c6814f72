package org.bftee.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.resource.ResourceException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.bftee.ra.api.BftOperationRejectedException;

/**
 * The sample's workload driver: opens a set of accounts, moves money between them at random from
 * several container threads for a while, and audits the bank's invariant. Transfers that would
 * overdraw are refused by the ledger, which is part of the workload: the invariant must hold
 * whatever the interleaving, and whatever up to {@code f} replicas do.
 *
 * <p>Accounts {@code first .. first + count - 1} are the workload's; runs with different ranges do
 * not disturb each other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BankWorkloadBean {

    private static final System.Logger LOG = System.getLogger(BankWorkloadBean.class.getName());
    /** Largest amount one random transfer moves. */
    static final long TRANSFER_AMOUNT_MAX = 100;
    /** The name the ledger gives a transfer that would overdraw. */
    private static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";

    @EJB
    private BankBean bank;

    @Resource
    private ManagedExecutorService executor;

    /**
     * Opens the accounts and deposits {@code initialBalance} in each.
     *
     * @return the money deposited, which the ledger must keep
     * @throws ResourceException if an account is already open (choose another range) or the group fails
     */
    public long setUp(long first, int count, long initialBalance) throws ResourceException {
        requireRange(first, count);
        for (long account = first; account < first + count; account++) {
            bank.open(account);
            bank.deposit(account, initialBalance);
        }
        LOG.log(Level.INFO, "bank workload: opened accounts {0}..{1} with {2} each",
                first, first + count - 1, initialBalance);
        return count * initialBalance;
    }

    /** Random transfers between the accounts from {@code threads} container threads for {@code duration}. */
    public WorkloadSummary run(long first, int count, int threads, Duration duration) throws InterruptedException {
        requireRange(first, count);
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], got " + threads);
        }
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Future<Tally>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(executor.submit(() -> transferUntil(deadline, first, count)));
        }
        Tally total = new Tally();
        for (Future<Tally> tally : running) {
            try {
                total.add(tally.get());
            } catch (ExecutionException bug) {
                throw new IllegalStateException("a workload thread failed", bug.getCause());
            }
        }
        WorkloadSummary summary = total.summary((System.nanoTime() - started) / 1e9);
        LOG.log(Level.INFO, "bank workload: {0}", summary);
        return summary;
    }

    /** Reads every account's balance and the ledger total. */
    public BankAudit audit(long first, int count, long expectedTotal) throws ResourceException {
        requireRange(first, count);
        long sum = 0;
        List<Long> negative = new ArrayList<>();
        for (long account = first; account < first + count; account++) {
            long balance = bank.balance(account);
            sum += balance;
            if (balance < 0) {
                negative.add(account);
            }
        }
        return new BankAudit(count, sum, bank.total(), expectedTotal, negative);
    }

    private Tally transferUntil(long deadline, long first, int count) {
        Tally tally = new Tally();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            long from = first + random.nextInt(count);
            long to = first + (from - first + 1 + random.nextInt(count - 1)) % count;
            long amount = 1 + random.nextLong(TRANSFER_AMOUNT_MAX);
            long start = System.nanoTime();
            try {
                bank.transfer(from, to, amount);
                tally.acknowledged(System.nanoTime() - start);
            } catch (BftOperationRejectedException refused) {
                if (INSUFFICIENT_FUNDS.equals(refused.resultName())) {
                    tally.refused(System.nanoTime() - start);
                } else {
                    tally.failed(refused);
                }
            } catch (ResourceException | RuntimeException failure) {
                tally.failed(failure);
            }
        }
        return tally;
    }

    private static void requireRange(long first, int count) {
        if (count < 2 || count > 10_000 || first < 0) {
            throw new IllegalArgumentException("the workload needs 2 to 10,000 accounts from a non-negative"
                    + " number, got " + count + " from " + first);
        }
    }

    /** One thread's counts and latencies. */
    private static final class Tally {

        private long operations;
        private long refused;
        private final Map<String, Long> failures = new HashMap<>();
        private long[] latencies = new long[1024];
        private int latencyCount;

        void acknowledged(long nanos) {
            operations++;
            record(nanos);
        }

        void refused(long nanos) {
            refused++;
            record(nanos);
        }

        void failed(Exception failure) {
            failures.merge(failure.getClass().getSimpleName(), 1L, Long::sum);
        }

        private void record(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, 2 * latencies.length);
            }
            latencies[latencyCount++] = nanos / 1_000;
        }

        void add(Tally other) {
            operations += other.operations;
            refused += other.refused;
            other.failures.forEach((name, n) -> failures.merge(name, n, Long::sum));
            if (latencyCount + other.latencyCount > latencies.length) {
                latencies = Arrays.copyOf(latencies, latencyCount + other.latencyCount);
            }
            System.arraycopy(other.latencies, 0, latencies, latencyCount, other.latencyCount);
            latencyCount += other.latencyCount;
        }

        WorkloadSummary summary(double seconds) {
            long[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            return new WorkloadSummary(operations, refused, failures, seconds, percentile(sorted, 0.5),
                    percentile(sorted, 0.99));
        }

        private static long percentile(long[] sorted, double fraction) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
        }
    }
}
