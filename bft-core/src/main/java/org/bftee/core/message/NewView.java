package org.bftee.core.message;

import java.util.List;
import java.util.Objects;

/**
 * NEW-VIEW(v+1, V, X): the primary of {@code newView} names the VIEW-CHANGE messages it accepted
 * (V) and the result of the decision procedure over them (X: the checkpoint and, per sequence
 * number above it, the chosen batch or the null request). Backups re-run the procedure to check it.
 */
public record NewView(long newView, List<ViewChangeRef> viewChanges, CheckpointEntry checkpoint,
                      List<Decision> decisions) implements Message {

    public NewView {
        Checks.nonNegative(newView, "newView");
        viewChanges = Checks.copy(viewChanges, "viewChanges");
        Objects.requireNonNull(checkpoint, "checkpoint");
        decisions = Checks.copy(decisions, "decisions");
    }

    @Override
    public MessageType type() {
        return MessageType.NEW_VIEW;
    }
}
