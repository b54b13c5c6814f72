package org.bftee.core.auth;

import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Data;
import org.bftee.core.message.Fetch;
import org.bftee.core.message.Message;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.MetaDataDigest;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.NewView;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.QueryStable;
import org.bftee.core.message.Reply;
import org.bftee.core.message.ReplyStable;
import org.bftee.core.message.Request;
import org.bftee.core.message.Status;
import org.bftee.core.message.ViewChangeAck;

/**
 * Who may author which message, judged from the message alone (no replica state): the rules that
 * tie a record's own author field to the frame's authenticated sender.
 *
 * <ul>
 *   <li>Every type but REQUEST and NEW-KEY is sent by replicas only.
 *   <li>A record that names its author ({@code replica} of PREPARE, COMMIT, CHECKPOINT,
 *       VIEW-CHANGE-ACK, REPLY, STATUS, FETCH, META-DATA, META-DATA-DIGEST, DATA, QUERY-STABLE,
 *       REPLY-STABLE, NEW-KEY) must name the sender: a replica can only ever speak as itself.
 *   <li>NEW-VIEW names no author; it comes from the primary of the view it carries
 *       ({@code view mod n}), the only replica that may send it.
 *   <li>Two replica messages may be relayed by any replica, because the view change needs
 *       copies of them that their authors may not send: a VIEW-CHANGE that a NEW-VIEW names (the
 *       replica counts a relayed copy only by the digest the NEW-VIEW gives, and only from
 *       {@code f + 1} relays), and a PRE-PREPARE of an earlier view, the content of a batch a
 *       NEW-VIEW chose (taken only by its digest). The replica, which knows the view, treats a
 *       PRE-PREPARE from anyone but its view's primary as such content, never as a pre-prepare.
 *   <li>A REQUEST from a client principal names that client. A REQUEST from a replica may name
 *       any principal: backups forward client requests to the primary. Neither case proves the
 *       request authentic; its own authenticator or signature does, and the replica checks it.
 * </ul>
 */
final class SenderRules {

    private SenderRules() {
    }

    /** {@code null} if {@code sender} may author {@code message}, else the rejection. */
    static OpenResult.Rejected check(int sender, Message message, Principals principals) {
        return switch (message.type()) {
            case REQUEST -> request(sender, (Request) message, principals);
            case NEW_KEY -> author(sender, ((NewKey) message).replica(), message);
            case PRE_PREPARE, VIEW_CHANGE -> anyReplica(sender, message, principals);
            case NEW_VIEW -> primary(sender, ((NewView) message).newView(), message, principals);
            case REPLY -> replica(sender, ((Reply) message).replica(), message, principals);
            case PREPARE -> replica(sender, ((Prepare) message).replica(), message, principals);
            case COMMIT -> replica(sender, ((Commit) message).replica(), message, principals);
            case CHECKPOINT -> replica(sender, ((Checkpoint) message).replica(), message, principals);
            case VIEW_CHANGE_ACK -> replica(sender, ((ViewChangeAck) message).replica(), message, principals);
            case QUERY_STABLE -> replica(sender, ((QueryStable) message).replica(), message, principals);
            case REPLY_STABLE -> replica(sender, ((ReplyStable) message).replica(), message, principals);
            case FETCH -> replica(sender, ((Fetch) message).replica(), message, principals);
            case META_DATA -> replica(sender, ((MetaData) message).replica(), message, principals);
            case META_DATA_DIGEST -> replica(sender, ((MetaDataDigest) message).replica(), message, principals);
            case DATA -> replica(sender, ((Data) message).replica(), message, principals);
            case STATUS -> replica(sender, ((Status) message).replica(), message, principals);
        };
    }

    private static OpenResult.Rejected request(int sender, Request request, Principals principals) {
        if (principals.isClient(sender) && request.client() != sender) {
            return new OpenResult.Rejected(AuthRejectReason.CLIENT_MISMATCH, null,
                    "REQUEST from client " + sender + " names client " + request.client());
        }
        return null;
    }

    private static OpenResult.Rejected replica(int sender, int author, Message message, Principals principals) {
        if (!principals.isReplica(sender)) {
            return new OpenResult.Rejected(AuthRejectReason.NOT_FROM_A_REPLICA, null,
                    message.type() + " from principal " + sender + ", which is not a replica");
        }
        return author(sender, author, message);
    }

    private static OpenResult.Rejected author(int sender, int author, Message message) {
        if (author != sender) {
            return new OpenResult.Rejected(AuthRejectReason.SENDER_MISMATCH, null,
                    message.type() + " from " + sender + " claims to be from " + author);
        }
        return null;
    }

    private static OpenResult.Rejected anyReplica(int sender, Message message, Principals principals) {
        if (!principals.isReplica(sender)) {
            return new OpenResult.Rejected(AuthRejectReason.NOT_FROM_A_REPLICA, null,
                    message.type() + " from principal " + sender + ", which is not a replica");
        }
        return null;
    }

    private static OpenResult.Rejected primary(int sender, long view, Message message, Principals principals) {
        if (!principals.isReplica(sender)) {
            return new OpenResult.Rejected(AuthRejectReason.NOT_FROM_A_REPLICA, null,
                    message.type() + " from principal " + sender + ", which is not a replica");
        }
        int primary = principals.quorums().primary(view);
        if (primary != sender) {
            return new OpenResult.Rejected(AuthRejectReason.NOT_PRIMARY, null,
                    message.type() + " for view " + view + " from replica " + sender + "; its primary is " + primary);
        }
        return null;
    }
}
