package org.bftee.runtime.storage;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.bftee.core.codec.DecodeResult;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Message;
import org.bftee.core.message.PrePrepare;
import org.bftee.core.message.Request;
import org.bftee.core.replica.DurableLog;

/**
 * The bytes of a {@link VoteLog}: a file header, then records appended one after another.
 *
 * <pre>
 * file header:  int magic ("BFVL"), int version
 * record:       int length (of kind and payload), int CRC32C (of kind and payload), byte kind, payload
 * VIEW_ENTERED: long view, byte active (0 or 1)
 * VOTED:        long view, long sequence, digest batchDigest, byte accepted (0 or 1),
 *               int entry count, digest per entry,
 *               int frame length, PRE-PREPARE frame (the group's codec, a one-tag zero authenticator),
 *               int body count, per body: int frame length, REQUEST frame (the group's codec)
 * PREPARED:     long view, long sequence, digest batchDigest
 * STABLE:       long sequence (the checkpoint is stable and written: records at or below it are void)
 * </pre>
 *
 * Integers are big-endian, digests their {@link Digest#LENGTH} bytes. Messages are stored as the wire
 * frames the group's {@link MessageCodec} writes and reads, so that the log needs no codec of its own
 * and a message decoded from it passes the same checks as one from the network. Their MACs are
 * meaningless here (the replica checked them before it voted) and are written as zeros.
 */
final class VoteLogFormat {

    static final int MAGIC = 0x4246_564C;
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = 2 * Integer.BYTES;
    /** Length and CRC32C before each record's kind. */
    static final int RECORD_HEADER_BYTES = 2 * Integer.BYTES;

    /** Record kinds, by their tag byte. */
    enum Kind {
        VIEW_ENTERED(1),
        VOTED(2),
        PREPARED(3),
        STABLE(4);

        final byte tag;

        Kind(int tag) {
            this.tag = (byte) tag;
        }

        static Kind fromTag(byte tag) {
            for (Kind kind : values()) {
                if (kind.tag == tag) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** The trailer PRE-PREPARE frames are completed with: one tag of the shortest length, all zeros. */
    private static final Authenticator NO_MACS = Authenticator.wrap(new byte[Authenticator.TAG_LENGTH_MIN],
            Authenticator.TAG_LENGTH_MIN);

    private final MessageCodec codec;
    private final int recordBytesMax;

    /**
     * @param recordBytesMax the largest record (kind and payload) written or read: a vote with its batch
     *                       and the large request bodies it names
     */
    VoteLogFormat(MessageCodec codec, int recordBytesMax) {
        this.codec = codec;
        this.recordBytesMax = recordBytesMax;
    }

    int recordBytesMax() {
        return recordBytesMax;
    }

    static ByteBuffer fileHeader() {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    ByteBuffer viewEntered(long view, boolean active) {
        return seal(record(Kind.VIEW_ENTERED, Long.BYTES + 1).putLong(view).put(flag(active)));
    }

    ByteBuffer voted(long view, long sequence, Digest batchDigest, PrePrepare batch, List<Digest> entryDigests,
                     List<Request> largeBodies, boolean accepted) {
        ByteBuffer batchFrame = codec.encodeForAuthentication(0, batch).complete(NO_MACS);
        List<ByteBuffer> bodyFrames = new ArrayList<>(largeBodies.size());
        long bodyBytes = 0;
        for (Request body : largeBodies) {
            ByteBuffer frame = codec.encode(body.client(), body, null);
            bodyFrames.add(frame);
            bodyBytes += Integer.BYTES + frame.remaining();
        }
        long payload = 2L * Long.BYTES + Digest.LENGTH + 1 + Integer.BYTES + (long) entryDigests.size() * Digest.LENGTH
                + Integer.BYTES + batchFrame.remaining() + Integer.BYTES + bodyBytes;
        ByteBuffer out = record(Kind.VOTED, payload).putLong(view).putLong(sequence);
        batchDigest.writeTo(out);
        out.put(flag(accepted)).putInt(entryDigests.size());
        entryDigests.forEach(digest -> digest.writeTo(out));
        out.putInt(batchFrame.remaining()).put(batchFrame).putInt(bodyFrames.size());
        for (ByteBuffer frame : bodyFrames) {
            out.putInt(frame.remaining()).put(frame);
        }
        return seal(out);
    }

    ByteBuffer prepared(long view, long sequence, Digest batchDigest) {
        ByteBuffer out = record(Kind.PREPARED, 2L * Long.BYTES + Digest.LENGTH).putLong(view).putLong(sequence);
        batchDigest.writeTo(out);
        return seal(out);
    }

    ByteBuffer stable(long sequence) {
        return seal(record(Kind.STABLE, Long.BYTES).putLong(sequence));
    }

    /**
     * A buffer for a record of {@code payloadBytes}, its length and kind written, its CRC left for
     * {@link #seal}. Throws if the record exceeds its limit: the replica logged more than the limits it
     * was configured with allow, a bug.
     */
    private ByteBuffer record(Kind kind, long payloadBytes) {
        long length = 1 + payloadBytes;
        if (length > recordBytesMax) {
            throw new IllegalStateException(kind + " record of " + length + " bytes above recordBytesMax ("
                    + recordBytesMax + ")");
        }
        ByteBuffer out = ByteBuffer.allocate(RECORD_HEADER_BYTES + (int) length);
        return out.putInt((int) length).putInt(0).put(kind.tag);
    }

    /** Flips the record written into {@code out} and fills in its CRC32C. */
    private static ByteBuffer seal(ByteBuffer out) {
        if (out.hasRemaining()) {
            throw new IllegalStateException("record written " + out.remaining() + " bytes short of its length");
        }
        out.flip();
        out.putInt(Integer.BYTES, checksum(out.duplicate().position(RECORD_HEADER_BYTES),
                out.limit() - RECORD_HEADER_BYTES));
        return out;
    }

    /**
     * Applies one record's kind and payload (CRC already checked) to {@code into}; returns null, or what is
     * wrong with it.
     */
    String apply(ByteBuffer body, DurableLog into) {
        Kind kind = Kind.fromTag(body.get());
        if (kind == null) {
            return "unknown record kind " + body.get(body.position() - 1);
        }
        try {
            String problem = switch (kind) {
                case VIEW_ENTERED -> {
                    long view = body.getLong();
                    Boolean active = flag(body.get());
                    if (active == null) {
                        yield "VIEW_ENTERED with an active flag other than 0 or 1";
                    }
                    into.viewEntered(view, active);
                    yield null;
                }
                case VOTED -> applyVoted(body, into);
                case PREPARED -> {
                    into.prepared(body.getLong(), body.getLong(), Digest.read(body));
                    yield null;
                }
                case STABLE -> {
                    into.stable(body.getLong());
                    yield null;
                }
            };
            if (problem == null && body.hasRemaining()) {
                return kind + " record with " + body.remaining() + " bytes after its payload";
            }
            return problem;
        } catch (BufferUnderflowException truncated) {
            return kind + " record shorter than its payload";
        }
    }

    private String applyVoted(ByteBuffer body, DurableLog into) {
        long view = body.getLong();
        long sequence = body.getLong();
        Digest batchDigest = Digest.read(body);
        Boolean accepted = flag(body.get());
        if (accepted == null) {
            return "VOTED with an accepted flag other than 0 or 1";
        }
        int entries = body.getInt();
        if (entries < 0 || (long) entries * Digest.LENGTH > body.remaining()) {
            return "VOTED with " + entries + " entry digests in " + body.remaining() + " bytes";
        }
        List<Digest> entryDigests = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            entryDigests.add(Digest.read(body));
        }
        Message batch = message(body);
        if (!(batch instanceof PrePrepare prePrepare)) {
            return "VOTED whose batch is not a PRE-PREPARE frame";
        }
        int bodies = body.getInt();
        if (bodies < 0 || (long) bodies * Integer.BYTES > body.remaining()) {
            return "VOTED with " + bodies + " request bodies in " + body.remaining() + " bytes";
        }
        List<Request> largeBodies = new ArrayList<>(bodies);
        for (int i = 0; i < bodies; i++) {
            if (!(message(body) instanceof Request request)) {
                return "VOTED whose request body " + i + " is not a REQUEST frame";
            }
            largeBodies.add(request);
        }
        into.voted(view, sequence, batchDigest, prePrepare, entryDigests, largeBodies, accepted);
        return null;
    }

    /** The message of the length-prefixed frame at {@code body}'s position, or null if it does not decode. */
    private Message message(ByteBuffer body) {
        int length = body.getInt();
        if (length < 0 || length > body.remaining()) {
            return null;
        }
        ByteBuffer frame = body.slice(body.position(), length);
        body.position(body.position() + length);
        return codec.decode(frame) instanceof DecodeResult.Decoded decoded ? decoded.message() : null;
    }

    /** The CRC32C of a record's kind and payload, {@code length} bytes from {@code buffer}'s position. */
    static int checksum(ByteBuffer buffer, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(buffer.position(), length));
        return (int) crc.getValue();
    }

    private static byte flag(boolean value) {
        return value ? (byte) 1 : (byte) 0;
    }

    private static Boolean flag(byte value) {
        return value == 0 ? Boolean.FALSE : value == 1 ? Boolean.TRUE : null;
    }
}
