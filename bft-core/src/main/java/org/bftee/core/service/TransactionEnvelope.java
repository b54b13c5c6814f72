package org.bftee.core.service;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bftee.core.message.Bytes;

/**
 * A transaction: a bounded list of service operations that the replicas execute in one atomic
 * section, all of them or none ({@link ServiceInvoker} runs it; the answer is a
 * {@link TransactionResult}). The resource adapter sends one at transaction commit. Big-endian:
 * <pre>
 *   0xBF 'T' 'X' | version:u8 (1) | count:u16 | count x (length:u32 | operation)
 * </pre>
 * Every operation that starts with the three {@link #MAGIC} bytes is an envelope, whatever service
 * the group runs: services must not use that prefix for operations of their own (the shipped ones
 * start with a tag below 16). An envelope inside an envelope is refused, so a transaction is never
 * more than one level deep.
 *
 * <p>Decoding never throws: a malformed envelope decodes to the result code the client gets.
 */
public final class TransactionEnvelope {

    /** Operations in one transaction at most; its size is bounded again by the group's request-bytes-max. */
    public static final int OPERATIONS_MAX = 64;

    /** The first bytes of every envelope. */
    static final byte[] MAGIC = {(byte) 0xBF, 'T', 'X'};
    static final int VERSION = 1;
    static final int HEADER_BYTES = MAGIC.length + 1 + 2;
    static final int OPERATION_LENGTH_BYTES = 4;

    /** What decoding an envelope gave: its operations, or the code that refuses it. */
    public sealed interface Decoded {
    }

    /** A well-formed envelope of 1 to {@link #OPERATIONS_MAX} operations, none of them an envelope. */
    public record Operations(List<Bytes> operations) implements Decoded {
        public Operations {
            operations = List.copyOf(operations);
        }
    }

    /**
     * An envelope refused as a whole before anything executed: {@code MALFORMED} (bad framing, an
     * unknown version, a nested envelope), {@code INVALID_ARGUMENT} (no operations) or
     * {@code TOO_LARGE} (more than {@link #OPERATIONS_MAX}).
     */
    public record Refused(ResultCode code, String reason) implements Decoded {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private TransactionEnvelope() {
    }

    /**
     * @param operations 1 to {@link #OPERATIONS_MAX} service operations, none an envelope
     * @throws IllegalArgumentException otherwise: the caller builds transactions and must respect the limit
     */
    public static Bytes encode(List<Bytes> operations) {
        if (operations.isEmpty() || operations.size() > OPERATIONS_MAX) {
            throw new IllegalArgumentException("a transaction holds 1 to " + OPERATIONS_MAX + " operations, not "
                    + operations.size());
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(encodedLength(operations)))
                .put(MAGIC).put((byte) VERSION).putShort((short) operations.size());
        for (Bytes operation : operations) {
            if (isEnvelope(operation)) {
                throw new IllegalArgumentException("a transaction cannot contain another transaction");
            }
            buffer.putInt(operation.length());
            operation.writeTo(buffer);
        }
        return Bytes.wrap(buffer.array());
    }

    /** Bytes of the envelope that would carry {@code operations}; the client checks it against its request limit. */
    public static long encodedLength(List<Bytes> operations) {
        long length = HEADER_BYTES;
        for (Bytes operation : operations) {
            length += OPERATION_LENGTH_BYTES + operation.length();
        }
        return length;
    }

    /** Whether {@code operation} starts with the envelope's magic bytes, and so is not for the service. */
    public static boolean isEnvelope(Bytes operation) {
        if (operation.length() < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (operation.byteAt(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes an envelope (one for which {@link #isEnvelope} holds); never throws. */
    public static Decoded decode(Bytes envelope) {
        try {
            OperationReader reader = new OperationReader(envelope);
            reader.bytes(MAGIC.length);
            int version = reader.u8();
            if (version != VERSION) {
                return new Refused(ResultCode.MALFORMED, "unknown envelope version " + version);
            }
            int count = reader.u16();
            if (count == 0) {
                return new Refused(ResultCode.INVALID_ARGUMENT, "a transaction without operations");
            }
            if (count > OPERATIONS_MAX) {
                return new Refused(ResultCode.TOO_LARGE, count + " operations, above the limit of " + OPERATIONS_MAX);
            }
            List<Bytes> operations = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Bytes operation = reader.bytes(reader.length32());
                if (isEnvelope(operation)) {
                    return new Refused(ResultCode.MALFORMED, "operation " + i + " is itself a transaction");
                }
                operations.add(operation);
            }
            reader.end();
            return new Operations(operations);
        } catch (OperationReader.Malformed malformed) {
            return new Refused(ResultCode.MALFORMED, malformed.getMessage());
        }
    }
}
