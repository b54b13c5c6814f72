package org.bftee.core.sim.check;

import org.bftee.core.message.Bytes;

/** What the {@link LinearizabilityChecker} concluded about a history. */
public sealed interface LinearizabilityResult {

    /** Every key's history has a linearization. */
    record Linearizable(int keys, long statesExplored) implements LinearizabilityResult {
    }

    /** The history of {@code key} has no linearization; {@code explanation} shows where the search got stuck. */
    record NotLinearizable(Bytes key, String explanation) implements LinearizabilityResult {
    }

    /** The search for {@code key} gave up after {@code statesExplored} states, its bound. */
    record Inconclusive(Bytes key, long statesExplored) implements LinearizabilityResult {
    }
}
