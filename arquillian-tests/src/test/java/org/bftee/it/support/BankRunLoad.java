package org.bftee.it.support;

import java.io.IOException;

/**
 * Runs the sample's bank workload ({@code /workload/bank/run}) over and over, a few seconds each, and
 * adds up the answers of the runs that answered. Short runs one after another, rather than one long
 * run, so that a run cut short by a crash of the whole group loses only its own summary: its transfers
 * are unknown outcomes, while every other run's acknowledged transfers are counted.
 */
public final class BankRunLoad extends LoadLoop {

    private final SampleApi api;
    private final String runPath;
    private long transfersAcknowledged;
    private long transfersRefused;
    private long transfersFailed;
    private int runsAnswered;
    private int runsUnanswered;

    /**
     * @param accounts  the workload's accounts, {@code first=..&count=..} as {@code /workload/bank/setup} opened them
     * @param threads   the workload's threads in the application server, each with one transfer under way
     * @param seconds   how long each run moves money
     */
    public BankRunLoad(SampleApi api, String accounts, int threads, int seconds) {
        super("bank-runs");
        this.api = api;
        this.runPath = "/workload/bank/run?" + accounts + "&threads=" + threads + "&seconds=" + seconds;
    }

    @Override
    protected void callOnce() throws InterruptedException {
        SampleApi.Answer answer;
        try {
            answer = api.post(runPath);
        } catch (IOException noAnswer) {
            answer = null;
        }
        synchronized (this) {
            if (answer == null || answer.status() != 200) {
                runsUnanswered++;
                return;
            }
            runsAnswered++;
            transfersAcknowledged += answer.number("operations");
            transfersRefused += answer.number("refused");
            transfersFailed += answer.number("failures");
        }
    }

    /** Transfers the ledger made, in the runs that answered. */
    public synchronized long transfersAcknowledged() {
        return transfersAcknowledged;
    }

    /** Transfers the ledger refused (they would have overdrawn), in the runs that answered. */
    public synchronized long transfersRefused() {
        return transfersRefused;
    }

    /** Transfers without an answer from the group (timeouts and the like) in the runs that answered: unknown outcomes. */
    public synchronized long transfersFailed() {
        return transfersFailed;
    }

    public synchronized int runsAnswered() {
        return runsAnswered;
    }

    /** Runs that failed as a whole or got no answer: all of their transfers are unknown outcomes. */
    public synchronized int runsUnanswered() {
        return runsUnanswered;
    }
}
