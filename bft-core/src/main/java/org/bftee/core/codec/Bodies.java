package org.bftee.core.codec;

import org.bftee.core.message.Checkpoint;
import org.bftee.core.message.Commit;
import org.bftee.core.message.Data;
import org.bftee.core.message.Fetch;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.MetaDataDigest;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Prepare;
import org.bftee.core.message.QueryStable;
import org.bftee.core.message.Reply;
import org.bftee.core.message.ReplyStable;
import org.bftee.core.message.Request;
import org.bftee.core.message.Status;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeAck;

/**
 * Dispatches a body to its family's writer or reader. Both switches are exhaustive over
 * {@link MessageType}; each record's {@code type()} names its own class, so the casts hold.
 */
final class Bodies {

    private Bodies() {
    }

    static void write(WireWriter writer, Message message) {
        // A switch expression, so that the compiler rejects a missing type; Java 17 has no pattern switch.
        Runnable bodyWriter = switch (message.type()) {
            case REQUEST -> () -> RequestBodies.writeRequest(writer, (Request) message);
            case REPLY -> () -> RequestBodies.writeReply(writer, (Reply) message);
            case PRE_PREPARE -> () -> RequestBodies.writePrePrepare(writer, (PrePrepare) message);
            case PREPARE -> () -> AgreementBodies.writePrepare(writer, (Prepare) message);
            case COMMIT -> () -> AgreementBodies.writeCommit(writer, (Commit) message);
            case CHECKPOINT -> () -> AgreementBodies.writeCheckpoint(writer, (Checkpoint) message);
            case VIEW_CHANGE -> () -> ViewChangeBodies.writeViewChange(writer, (ViewChange) message);
            case VIEW_CHANGE_ACK -> () -> ViewChangeBodies.writeViewChangeAck(writer, (ViewChangeAck) message);
            case NEW_VIEW -> () -> ViewChangeBodies.writeNewView(writer, (NewView) message);
            case NEW_KEY -> () -> RecoveryBodies.writeNewKey(writer, (NewKey) message);
            case QUERY_STABLE -> () -> RecoveryBodies.writeQueryStable(writer, (QueryStable) message);
            case REPLY_STABLE -> () -> RecoveryBodies.writeReplyStable(writer, (ReplyStable) message);
            case FETCH -> () -> StateTransferBodies.writeFetch(writer, (Fetch) message);
            case META_DATA -> () -> StateTransferBodies.writeMetaData(writer, (MetaData) message);
            case META_DATA_DIGEST -> () -> StateTransferBodies.writeMetaDataDigest(writer, (MetaDataDigest) message);
            case DATA -> () -> StateTransferBodies.writeData(writer, (Data) message);
            case STATUS -> () -> StatusBodies.writeStatus(writer, (Status) message);
        };
        bodyWriter.run();
    }

    /** The message, or {@code null} with the reason recorded in {@code reader}. */
    static Message read(MessageType type, WireReader reader) {
        return switch (type) {
            case REQUEST -> RequestBodies.readRequest(reader);
            case REPLY -> RequestBodies.readReply(reader);
            case PRE_PREPARE -> RequestBodies.readPrePrepare(reader);
            case PREPARE -> AgreementBodies.readPrepare(reader);
            case COMMIT -> AgreementBodies.readCommit(reader);
            case CHECKPOINT -> AgreementBodies.readCheckpoint(reader);
            case VIEW_CHANGE -> ViewChangeBodies.readViewChange(reader);
            case VIEW_CHANGE_ACK -> ViewChangeBodies.readViewChangeAck(reader);
            case NEW_VIEW -> ViewChangeBodies.readNewView(reader);
            case NEW_KEY -> RecoveryBodies.readNewKey(reader);
            case QUERY_STABLE -> RecoveryBodies.readQueryStable(reader);
            case REPLY_STABLE -> RecoveryBodies.readReplyStable(reader);
            case FETCH -> StateTransferBodies.readFetch(reader);
            case META_DATA -> StateTransferBodies.readMetaData(reader);
            case META_DATA_DIGEST -> StateTransferBodies.readMetaDataDigest(reader);
            case DATA -> StateTransferBodies.readData(reader);
            case STATUS -> StatusBodies.readStatus(reader);
        };
    }
}
