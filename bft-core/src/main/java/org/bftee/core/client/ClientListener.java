package org.bftee.core.client;

import org.bftee.core.message.Bytes;

/**
 * Where a {@link ClientCore} reports how its requests ended. Called on the core's owner thread,
 * inside the event that decided the outcome, after the core's state is updated: the lane is idle
 * again, and the listener may call {@link ClientCore#invoke} or {@link ClientCore#cancel} at once.
 * A cancelled request reports nothing.
 */
public interface ClientListener {

    /**
     * The group's result for the request with {@code timestamp} on {@code lane}, backed by a reply
     * certificate ({@code f + 1} matching committed replies, or {@code 2f + 1} matching replies for
     * tentative and read-only ones). For a read-only operation that fell back to a read-write
     * request, {@code timestamp} is the fallback's.
     */
    void onResult(int lane, long timestamp, Bytes result);

    /**
     * The committed replies for the request prove that more than {@code f} replicas are faulty (or
     * that the service is not deterministic): no result can be trusted, and the core has stopped
     * waiting. Whether the operation was executed is unknown. {@code evidence} describes the
     * replies, for the exception message the runtime builds from it.
     */
    void onConflictingReplies(int lane, long timestamp, String evidence);
}
