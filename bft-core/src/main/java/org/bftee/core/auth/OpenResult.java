package org.bftee.core.auth;

import java.util.Objects;
import org.bftee.core.codec.RejectReason;
import org.bftee.core.message.Message;

/** What {@link FrameOpener#open} made of a frame: an authenticated message, or a rejection with its reason. */
public sealed interface OpenResult permits OpenResult.Opened, OpenResult.Rejected {

    /**
     * An authenticated frame: {@code message} comes from {@code sender} (for REQUEST and NEW-KEY,
     * which carry no MAC, see {@link FrameOpener} for what is and is not checked).
     */
    record Opened(int sender, Message message) implements OpenResult {

        public Opened {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A refused frame.
     *
     * @param codecReason the codec's reason when {@code reason} is {@link AuthRejectReason#UNDECODABLE}, else {@code null}
     * @param detail      what was wrong, naming the field, for logs
     */
    record Rejected(AuthRejectReason reason, RejectReason codecReason, String detail) implements OpenResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if ((reason == AuthRejectReason.UNDECODABLE) != (codecReason != null)) {
                throw new IllegalArgumentException("a codec reason goes with UNDECODABLE and only with it");
            }
        }

        @Override
        public String toString() {
            return codecReason == null ? reason + ": " + detail : reason + "/" + codecReason + ": " + detail;
        }
    }
}
