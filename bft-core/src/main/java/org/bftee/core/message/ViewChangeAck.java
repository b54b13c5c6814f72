package org.bftee.core.message;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/**
 * VIEW-CHANGE-ACK(v+1, i, j, d): replica {@code replica} tells the new primary that it received
 * the VIEW-CHANGE with digest {@code viewChangeDigest} from {@code viewChangeSender}.
 */
public record ViewChangeAck(long newView, int replica, int viewChangeSender, Digest viewChangeDigest)
        implements Message {

    public ViewChangeAck {
        Checks.nonNegative(newView, "newView");
        Checks.nonNegative(replica, "replica");
        Checks.nonNegative(viewChangeSender, "viewChangeSender");
        Objects.requireNonNull(viewChangeDigest, "viewChangeDigest");
    }

    @Override
    public MessageType type() {
        return MessageType.VIEW_CHANGE_ACK;
    }
}
