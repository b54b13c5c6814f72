package org.bftee.core.replica;

import org.bftee.core.message.Request;

/** The static checks every request passes before it costs anything more (authentication, storage). */
final class RequestChecks {

    private RequestChecks() {
    }

    /** Why {@code request} is unacceptable regardless of who sent it, or {@code null} if it is fine. */
    static DropReason staticProblem(Request request, ReplicaConfig config) {
        if (request.isSigned()) {
            return DropReason.SIGNED_REQUEST_UNSUPPORTED;
        }
        if (request.lane() >= config.limits().lanesPerClientMax()) {
            return DropReason.LANE_OVER_LIMIT;
        }
        if (request.operation().length() > config.limits().requestBytesMax()) {
            return DropReason.REQUEST_TOO_LARGE;
        }
        if (request.client() < config.n()) {
            return DropReason.WRONG_SENDER_ROLE;
        }
        if (java.util.Collections.binarySearch(config.clients(), request.client()) < 0) {
            return DropReason.UNKNOWN_CLIENT; // it has no reply cache entry, so it can never execute
        }
        return null;
    }

    static boolean wellFormed(Request request, ReplicaConfig config) {
        return staticProblem(request, config) == null;
    }
}
