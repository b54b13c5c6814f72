package org.bftee.core.client;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.message.Bytes;

/** A {@link ClientListener} that records every outcome. */
final class RecordingListener implements ClientListener {

    record Outcome(int lane, long timestamp, Bytes result, String conflictEvidence) {

        boolean isResult() {
            return result != null;
        }
    }

    final List<Outcome> outcomes = new ArrayList<>();
    /** Runs inside each callback, after recording: lets a test act re-entrantly like a driver would. */
    Runnable onOutcome = () -> { };

    @Override
    public void onResult(int lane, long timestamp, Bytes result) {
        outcomes.add(new Outcome(lane, timestamp, result, null));
        onOutcome.run();
    }

    @Override
    public void onConflictingReplies(int lane, long timestamp, String evidence) {
        outcomes.add(new Outcome(lane, timestamp, null, evidence));
        onOutcome.run();
    }
}
