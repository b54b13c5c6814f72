package org.bftee.core.codec;

import java.util.List;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.BatchEntry;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.InlineRequest;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Reply;
import org.bftee.core.message.Request;
import org.bftee.core.message.RequestDigest;

/**
 * Bodies of the normal case's client-facing messages. Integers are big-endian; {@code bytes} is a
 * 4-byte length then the bytes; {@code list} is a 4-byte count then the elements.
 *
 * <pre>
 * REQUEST      client i32 | lane i32 | timestamp i64 | flags u8 | operation bytes
 *              | SIGNED ? signature bytes : (tag count u8 | tag length u8 | tags)
 * REPLY        view i64 | client i32 | lane i32 | timestamp i64 | replica i32 | flags u8 | result bytes
 * PRE-PREPARE  view i64 | sequence i64 | nonDeterministic bytes | batch list
 *   entry      kind u8 = 1 (inline): a REQUEST body
 *              kind u8 = 2 (digest): client i32 | lane i32 | timestamp i64 | digest 32
 * </pre>
 */
final class RequestBodies {

    private RequestBodies() {
    }

    static void writeRequest(WireWriter writer, Request request) {
        writeRequestContent(writer, request);
        if (request.isSigned()) {
            writer.bytes(request.signature(), writer.limits().signatureBytesMax(), "request signature");
        } else {
            writer.authenticator(request.authenticator(), "request authenticator");
        }
    }

    /** The request without its authentication: the request digest's input, and the start of its body. */
    static void writeRequestContent(WireWriter writer, Request request) {
        writer.int32(request.client());
        writer.below(request.lane(), writer.limits().lanesMax(), "request lane");
        writer.int64(request.timestamp());
        writer.u8(request.flags());
        writer.bytes(request.operation(), writer.limits().operationBytesMax(), "operation");
    }

    static Request readRequest(WireReader reader) {
        int client = reader.principal("request client");
        int lane = reader.below("request lane", reader.limits().lanesMax());
        long timestamp = reader.nonNegativeLong("request timestamp");
        int flags = reader.flags("request flags", Request.FLAGS_KNOWN);
        Bytes operation = reader.bytes("operation", reader.limits().operationBytesMax());
        if ((flags & Request.SIGNED) != 0) {
            Bytes signature = reader.bytes("request signature", reader.limits().signatureBytesMax());
            if (!reader.failed() && signature.isEmpty()) {
                reader.fail(RejectReason.INVALID_FIELD, "SIGNED request with an empty signature");
            }
            return reader.failed() ? null : new Request(client, lane, timestamp, flags, operation, null, signature);
        }
        Authenticator authenticator = reader.authenticator("request authenticator");
        return reader.failed() ? null : new Request(client, lane, timestamp, flags, operation, authenticator);
    }

    static void writeReply(WireWriter writer, Reply reply) {
        writer.int64(reply.view());
        writer.int32(reply.client());
        writer.below(reply.lane(), writer.limits().lanesMax(), "reply lane");
        writer.int64(reply.timestamp());
        writer.replica(reply.replica(), "reply replica");
        writer.u8(reply.flags());
        writer.bytes(reply.result(), writer.limits().resultBytesMax(), "result");
    }

    static Reply readReply(WireReader reader) {
        long view = reader.nonNegativeLong("reply view");
        int client = reader.principal("reply client");
        int lane = reader.below("reply lane", reader.limits().lanesMax());
        long timestamp = reader.nonNegativeLong("reply timestamp");
        int replica = reader.replica("reply replica");
        int flags = reader.flags("reply flags", Reply.FLAGS_KNOWN);
        Bytes result = reader.bytes("result", reader.limits().resultBytesMax());
        if (!reader.failed() && (flags & Reply.DIGEST_ONLY) != 0 && result.length() != WireSizes.DIGEST) {
            reader.fail(RejectReason.INVALID_FIELD, "DIGEST_ONLY reply with a result of " + result.length() + " bytes");
        }
        return reader.failed() ? null : new Reply(view, client, lane, timestamp, replica, flags, result);
    }

    static void writePrePrepare(WireWriter writer, PrePrepare prePrepare) {
        writer.int64(prePrepare.view());
        writer.int64(prePrepare.sequence());
        writer.bytes(prePrepare.nonDeterministic(), writer.limits().nonDeterministicBytesMax(), "nonDeterministic");
        writer.list(prePrepare.batch(), writer.limits().batchRequestsMax(), "batch", RequestBodies::writeBatchEntry);
    }

    static PrePrepare readPrePrepare(WireReader reader) {
        long view = reader.nonNegativeLong("pre-prepare view");
        long sequence = reader.nonNegativeLong("pre-prepare sequence");
        Bytes nonDeterministic = reader.bytes("nonDeterministic", reader.limits().nonDeterministicBytesMax());
        List<BatchEntry> batch = reader.list("batch", reader.limits().batchRequestsMax(), WireSizes.BATCH_ENTRY_MIN,
                RequestBodies::readBatchEntry);
        return reader.failed() ? null : new PrePrepare(view, sequence, nonDeterministic, batch);
    }

    private static void writeBatchEntry(WireWriter writer, BatchEntry entry) {
        if (entry instanceof InlineRequest inline) {
            writer.u8(BatchEntryKind.INLINE_REQUEST.tag());
            writeRequest(writer, inline.request());
        } else if (entry instanceof RequestDigest digest) {
            writer.u8(BatchEntryKind.REQUEST_DIGEST.tag());
            writer.int32(digest.client());
            writer.below(digest.lane(), writer.limits().lanesMax(), "request digest lane");
            writer.int64(digest.timestamp());
            writer.digest(digest.digest());
        } else {
            throw new IllegalStateException("unknown batch entry " + entry.getClass());
        }
    }

    private static BatchEntry readBatchEntry(WireReader reader) {
        int tag = reader.u8("batch entry kind");
        if (reader.failed()) {
            return null;
        }
        BatchEntryKind kind = BatchEntryKind.fromTag(tag);
        if (kind == null) {
            reader.fail(RejectReason.INVALID_FIELD, "batch entry kind " + tag);
            return null;
        }
        return switch (kind) {
            case INLINE_REQUEST -> {
                Request request = readRequest(reader);
                yield request == null ? null : new InlineRequest(request);
            }
            case REQUEST_DIGEST -> {
                int client = reader.principal("request digest client");
                int lane = reader.below("request digest lane", reader.limits().lanesMax());
                long timestamp = reader.nonNegativeLong("request digest timestamp");
                Digest digest = reader.digest("request digest");
                yield reader.failed() ? null : new RequestDigest(client, lane, timestamp, digest);
            }
        };
    }
}
