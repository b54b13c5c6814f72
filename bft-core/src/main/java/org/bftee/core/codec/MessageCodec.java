package org.bftee.core.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;
import org.bftee.core.message.Request;

/**
 * The wire format of one replica group: messages to frames and back (STYLE rule 8).
 *
 * <p>A frame, big-endian throughout:
 *
 * <pre>
 * offset           size              field
 *      0              4              magic        0x42465445 ("BFTE")
 *      4              1              version      1
 *      5              1              type tag     {@link MessageType#tag()}
 *      6              4              group id     this codec's group
 *     10              4              sender       principal id of the frame's author, &ge; 0
 *     14              4              body length  B
 *     18              B              body         the message's fields in order (see the *Bodies classes)
 *     18 + B          1              tag count    C
 *     19 + B          1              tag length   T, in [8, 32] when C &gt; 0, else 0
 *     20 + B          C &times; T    tags         the trailer, entry i for receiver i
 * </pre>
 *
 * <p>Header and body are the authenticated region: MACs are computed over its digest, so the
 * trailer is filled after the rest is encoded ({@link #encodeForAuthentication}). The tag count
 * depends on the type ({@link MessageType.Authentication}): 0 for NEW-KEY (signed) and REQUEST
 * (its authenticator is in its body), 1 for point-to-point messages, 1 to {@code replicasMax} for
 * multicasts, where the protocol checks that there are {@code n}.
 *
 * <p>Decoding never throws and never allocates for a field before its declared length or count
 * has passed its limit and the bytes remaining. There is no catch-all guard: a decoder
 * exception would be a bug to fix, and the fuzz tests look for one. Each value has exactly one
 * encoding (unknown flag bits, non-canonical bitmaps and stray bytes are rejected), so re-encoding
 * a decoded message gives back its bytes.
 *
 * <p>Immutable and stateless: one codec may serve any number of threads (encodings use a scratch
 * buffer of the calling thread). Rejections are counted by the caller in its own {@link RejectionCounters}.
 */
public final class MessageCodec {

    private final int groupId;
    private final WireLimits limits;

    public MessageCodec(int groupId, WireLimits limits) {
        this.groupId = groupId;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public int groupId() {
        return groupId;
    }

    public WireLimits limits() {
        return limits;
    }

    /**
     * Header and body of {@code message} from {@code sender}, ready for its MACs.
     *
     * @throws IllegalArgumentException if the message breaks a wire limit: a bug in the code that built it
     */
    public PendingFrame encodeForAuthentication(int sender, Message message) {
        if (sender < 0) {
            throw new IllegalArgumentException("sender must not be negative, got " + sender);
        }
        WireWriter writer = WireWriter.scratch(limits);
        try {
            writer.int32(FrameHeader.MAGIC);
            writer.u8(FrameHeader.VERSION);
            writer.u8(message.type().tag());
            writer.int32(groupId);
            writer.int32(sender);
            writer.int32(0);
            Bodies.write(writer, message);
            int bodyLength = writer.position() - FrameHeader.LENGTH;
            if (FrameHeader.checkBodyLength(bodyLength, limits) != null) {
                throw new IllegalArgumentException("body of " + bodyLength + " bytes cannot fit in frameBytesMax ("
                        + limits.frameBytesMax() + ")");
            }
            writer.int32At(FrameHeader.BODY_LENGTH_OFFSET, bodyLength);
            return new PendingFrame(message.type(), writer.toByteArray(), limits);
        } finally {
            writer.release();
        }
    }

    /**
     * The whole frame, when the trailer is already known (it is {@code null} for REQUEST and NEW-KEY).
     *
     * @throws IllegalArgumentException if the message breaks a wire limit or the trailer does not suit its type
     */
    public ByteBuffer encode(int sender, Message message, Authenticator trailer) {
        return encodeForAuthentication(sender, message).complete(trailer);
    }

    /**
     * Decodes the frame between {@code frame}'s position and limit (exactly one frame, as cut by
     * {@link FrameHeader#peekFrameLength}); does not move the position. Never throws.
     */
    public DecodeResult decode(ByteBuffer frame) {
        ByteBuffer in = frame.duplicate().order(ByteOrder.BIG_ENDIAN);
        int start = in.position();
        int available = in.remaining();
        if (available > limits.frameBytesMax()) {
            return rejected(RejectReason.LENGTH_OVER_LIMIT, "frame of " + available + " bytes");
        }
        if (available < FrameHeader.LENGTH) {
            return rejected(RejectReason.TRUNCATED_FRAME, "frame of " + available + " bytes ends inside the header");
        }
        if (in.getInt(start + FrameHeader.MAGIC_OFFSET) != FrameHeader.MAGIC) {
            return rejected(RejectReason.BAD_MAGIC, "not a BFT-EE frame");
        }
        int version = Byte.toUnsignedInt(in.get(start + FrameHeader.VERSION_OFFSET));
        if (version != FrameHeader.VERSION) {
            return rejected(RejectReason.UNSUPPORTED_VERSION, "version " + version);
        }
        int tag = Byte.toUnsignedInt(in.get(start + FrameHeader.TYPE_OFFSET));
        MessageType type = MessageType.fromTag(tag);
        if (type == null) {
            return rejected(RejectReason.UNKNOWN_TYPE, "type tag " + tag);
        }
        int group = in.getInt(start + FrameHeader.GROUP_OFFSET);
        if (group != groupId) {
            return rejected(RejectReason.WRONG_GROUP, "group " + group + ", expected " + groupId);
        }
        int sender = in.getInt(start + FrameHeader.SENDER_OFFSET);
        if (sender < 0) {
            return rejected(RejectReason.INVALID_FIELD, "sender " + sender);
        }
        int bodyLength = in.getInt(start + FrameHeader.BODY_LENGTH_OFFSET);
        RejectReason bodyProblem = FrameHeader.checkBodyLength(bodyLength, limits);
        if (bodyProblem != null) {
            return rejected(bodyProblem, "body length " + bodyLength);
        }
        FrameHeader header = new FrameHeader(version, type, group, sender, bodyLength);
        return decodeAfterHeader(in, start, header);
    }

    private DecodeResult decodeAfterHeader(ByteBuffer in, int start, FrameHeader header) {
        int available = in.remaining();
        int trailerStart = FrameHeader.LENGTH + header.bodyLength();
        if (available < trailerStart + FrameHeader.TRAILER_PREFIX) {
            return rejected(RejectReason.TRUNCATED_FRAME, "frame of " + available + " bytes ends before its trailer at "
                    + trailerStart);
        }
        int tagCount = Byte.toUnsignedInt(in.get(start + trailerStart));
        int tagLength = Byte.toUnsignedInt(in.get(start + trailerStart + 1));
        String trailerProblem = Trailers.problem(header.type(), tagCount, tagLength, limits);
        if (trailerProblem != null) {
            return rejected(RejectReason.BAD_TRAILER, trailerProblem);
        }
        int frameEnd = trailerStart + FrameHeader.TRAILER_PREFIX + tagCount * tagLength;
        if (available < frameEnd) {
            return rejected(RejectReason.TRUNCATED_FRAME, "frame of " + available + " bytes ends inside its trailer");
        }
        if (available > frameEnd) {
            return rejected(RejectReason.TRAILING_BYTES, (available - frameEnd) + " bytes after the trailer");
        }
        WireReader reader = new WireReader(in.slice(start + FrameHeader.LENGTH, header.bodyLength()), limits);
        Message message = Bodies.read(header.type(), reader);
        if (reader.failed()) {
            return reader.rejection();
        }
        if (reader.remaining() != 0) {
            return rejected(RejectReason.BODY_LENGTH_MISMATCH, reader.remaining() + " bytes left in the body after "
                    + header.type());
        }
        Authenticator trailer = tagCount == 0 ? null
                : Authenticator.read(in.position(start + trailerStart + FrameHeader.TRAILER_PREFIX), tagCount,
                tagLength);
        return new DecodeResult.Decoded(header, message, trailer, in.slice(start, trailerStart));
    }

    private static DecodeResult rejected(RejectReason reason, String detail) {
        return new DecodeResult.Rejected(reason, detail);
    }

    /**
     * The input of a request's digest: the request without its authenticator or signature, which
     * differ per copy of the same request. The codec does not hash; {@link #requestDigest} does both
     * without copying the input.
     */
    public byte[] requestDigestInput(Request request) {
        return copyOf(MessageCodec::writeRequestContent, request, null);
    }

    /** The digest of {@link #requestDigestInput}, computed by {@code digester} on the encoding in place. */
    public Digest requestDigest(Request request, Digester digester) {
        return digestOf(MessageCodec::writeRequestContent, request, null, digester);
    }

    private static void writeRequestContent(WireWriter writer, Request request, Void unused) {
        writer.u8(DigestInputKind.REQUEST.tag());
        RequestBodies.writeRequestContent(writer, request);
    }

    /**
     * The input of a batch's digest, the {@code d} of PRE-PREPARE, PREPARE and COMMIT: the
     * non-deterministic inputs and the digests of the batch's requests in order (of the inline
     * request's {@link #requestDigestInput}, or the digest a large request is named by), so the
     * digest is the same whether a request travelled inline or separately.
     */
    public byte[] batchDigestInput(Bytes nonDeterministic, List<Digest> requestDigests) {
        return copyOf(MessageCodec::writeBatchContent, nonDeterministic, requestDigests);
    }

    /** The digest of {@link #batchDigestInput}, computed on the encoding in place. */
    public Digest batchDigest(Bytes nonDeterministic, List<Digest> requestDigests, Digester digester) {
        return digestOf(MessageCodec::writeBatchContent, nonDeterministic, requestDigests, digester);
    }

    private static void writeBatchContent(WireWriter writer, Bytes nonDeterministic, List<Digest> requestDigests) {
        WireLimits limits = writer.limits();
        writer.u8(DigestInputKind.BATCH.tag());
        writer.bytes(nonDeterministic, limits.nonDeterministicBytesMax(), "nonDeterministic");
        writer.list(requestDigests, limits.batchRequestsMax(), "batch", WireWriter::digest);
    }

    /**
     * The input of a message's digest, independent of sender, group and trailer: its type tag and
     * body. Names a VIEW-CHANGE in VIEW-CHANGE-ACK and NEW-VIEW; for a REQUEST it includes the
     * authenticator (use {@link #requestDigestInput} for the request digest).
     */
    public byte[] messageDigestInput(Message message) {
        return copyOf(MessageCodec::writeMessageContent, message, null);
    }

    /** The digest of {@link #messageDigestInput}, computed on the encoding in place. */
    public Digest messageDigest(Message message, Digester digester) {
        return digestOf(MessageCodec::writeMessageContent, message, null, digester);
    }

    private static void writeMessageContent(WireWriter writer, Message message, Void unused) {
        writer.u8(DigestInputKind.MESSAGE.tag());
        writer.u8(message.type().tag());
        Bodies.write(writer, message);
    }

    /**
     * How a digest input is written: a static method, so that passing it allocates nothing (a
     * capturing lambda would, on every digest of the hot path).
     */
    private interface Content<A, B> {
        void write(WireWriter writer, A first, B second);
    }

    /** Writes a digest input into the thread's scratch writer, which is given back however it ends. */
    private <A, B> byte[] copyOf(Content<A, B> content, A first, B second) {
        WireWriter writer = WireWriter.scratch(limits);
        try {
            content.write(writer, first, second);
            return writer.toByteArray();
        } finally {
            writer.release();
        }
    }

    private <A, B> Digest digestOf(Content<A, B> content, A first, B second, Digester digester) {
        WireWriter writer = WireWriter.scratch(limits);
        try {
            content.write(writer, first, second);
            return writer.digest(digester);
        } finally {
            writer.release();
        }
    }
}
