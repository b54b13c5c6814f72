package org.bftee.ra;

import java.time.Duration;
import org.bftee.ra.api.BftConflictingRepliesException;
import org.bftee.ra.api.BftException;
import org.bftee.ra.api.BftGroupUnreachableException;
import org.bftee.ra.api.BftOperationRejectedException;
import org.bftee.ra.api.BftTimeoutException;
import org.bftee.runtime.client.BftClientException;

/**
 * Turns the client runtime's failures into the documented exceptions of {@code org.bftee.ra.api},
 * one for one, keeping the runtime's message (which says what happened) after a sentence that
 * tells the application what it means for its operation.
 */
final class ClientFailures {

    private ClientFailures() {
    }

    static BftException toApi(BftClientException failure, Duration invokeTimeout) {
        String detail = failure.getMessage();
        if (failure instanceof BftClientException.Timeout) {
            return new BftTimeoutException("no agreed result within the invoke timeout of " + invokeTimeout.toMillis()
                    + " ms; the group may still execute the operation: " + detail, invokeTimeout.toMillis());
        }
        if (failure instanceof BftClientException.GroupUnreachable) {
            return new BftGroupUnreachableException("the replica group cannot be reached: " + detail, failure);
        }
        if (failure instanceof BftClientException.ConflictingReplies) {
            return new BftConflictingRepliesException("the replicas' replies conflict, so more than f replicas are"
                    + " faulty and no result can be trusted; alert the operators: " + detail);
        }
        if (failure instanceof BftClientException.OperationRejected) {
            return new BftOperationRejectedException("the BFT client refused the operation before sending it: "
                    + detail, BftOperationRejectedException.REFUSED_BY_CLIENT, "REFUSED_BY_CLIENT");
        }
        return new BftException("the BFT client failed: " + detail, failure);
    }
}
