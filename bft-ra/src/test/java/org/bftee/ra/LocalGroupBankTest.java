package org.bftee.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.resource.spi.LocalTransaction;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.ra.api.BftBankLedger;
import org.bftee.ra.api.BftOperationRejectedException;
import org.bftee.ra.api.BftTransactionAbortedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bank ledger helpers and bank transactions against four replicas of the ledger. */
class LocalGroupBankTest {

    @TempDir
    Path directory;
    private AdapterOnLocalGroup adapter;
    private BftManagedConnection managed;
    private BftBankLedger bank;

    @BeforeEach
    void start() throws Exception {
        adapter = AdapterOnLocalGroup.start(directory, replica -> new ShippedServices(KvLimits.defaults()));
        managed = adapter.managedConnection();
        bank = managed.getConnection(null, null).bank();
    }

    @AfterEach
    void stop() {
        adapter.close();
    }

    @Test
    void theLedgerOperationsAnswerBalances() throws Exception {
        bank.open(1);
        bank.open(2);

        assertEquals(100, bank.deposit(1, 100));
        assertEquals(70, bank.transfer(1, 2, 30));
        assertEquals(30, bank.balance(2));
        assertEquals(100, bank.total());
    }

    @Test
    void aRefusalCarriesTheLedgersResultCode() throws Exception {
        bank.open(1);

        assertRejected(ResultCode.CONFLICT, () -> bank.open(1));
        assertRejected(ResultCode.INVALID_ARGUMENT, () -> bank.deposit(1, 0));
        assertRejected(ResultCode.NOT_FOUND, () -> bank.transfer(1, 9, 1));
        assertRejected(ResultCode.INSUFFICIENT_FUNDS, () -> bank.transfer(1, 1, 1));
    }

    @Test
    void aTransactionOpensFundsAndTransfersAtOnce() throws Exception {
        LocalTransaction transaction = managed.getLocalTransaction();
        transaction.begin();
        bank.openAsync(1);
        bank.openAsync(2);
        bank.depositAsync(1, 100);
        CompletionStage<Long> left = bank.transferAsync(1, 2, 40);
        CompletionStage<Long> received = bank.balanceAsync(2);

        transaction.commit();

        assertEquals(60, left.toCompletableFuture().getNow(-1L));
        assertEquals(40, received.toCompletableFuture().getNow(-1L));
        assertEquals(100, bank.total());
    }

    @Test
    void aTransferThatWouldOverdrawAbortsTheTransactionAndLeavesEveryBalanceAsItWas() throws Exception {
        bank.open(1);
        bank.open(2);
        bank.deposit(1, 100);
        LocalTransaction transaction = managed.getLocalTransaction();
        transaction.begin();
        CompletionStage<Long> deposited = bank.depositAsync(2, 500);
        CompletionStage<Long> moved = bank.transferAsync(1, 2, 60);
        CompletionStage<Long> overdrawn = bank.transferAsync(1, 2, 60);

        BftTransactionAbortedException aborted = assertThrows(BftTransactionAbortedException.class, transaction::commit);

        assertEquals(2, aborted.operationIndex().orElseThrow());
        assertEquals(ResultCode.INSUFFICIENT_FUNDS.code(), aborted.resultCode().orElseThrow());
        for (CompletionStage<Long> stage : java.util.List.of(deposited, moved, overdrawn)) {
            assertThrows(Exception.class, () -> stage.toCompletableFuture().join());
        }
        assertEquals(100, bank.balance(1));
        assertEquals(0, bank.balance(2));
        assertEquals(100, bank.total());
    }

    private static void assertRejected(ResultCode code, org.junit.jupiter.api.function.Executable call) {
        BftOperationRejectedException rejected = assertThrows(BftOperationRejectedException.class, call);
        assertEquals(code.code(), rejected.resultCode());
        assertEquals(code.name(), rejected.resultName());
    }
}
