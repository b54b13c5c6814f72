package org.bftee.core.service;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bftee.core.message.Bytes;

/**
 * The answer to a {@link TransactionEnvelope}, a service result like any other (first byte a
 * {@link ResultCode}). Big-endian:
 * <pre>
 *   committed  OK                  | count:u16 | count x (length:u32 | result of that operation)
 *   aborted    TRANSACTION_ABORTED | index:u16 | code:u8 (what operation {@code index} answered)
 *   refused    MALFORMED, INVALID_ARGUMENT, TOO_LARGE, FORBIDDEN or SERVICE_FAILURE, no payload
 * </pre>
 * Only a committed transaction changed the state. A refused one was never started; an aborted one
 * ran up to operation {@code index} and was undone. The results of a committed transaction are in
 * the order of its operations, each with its own result code (always {@code OK}).
 */
public sealed interface TransactionResult {

    /** Every operation answered OK and all their writes were kept. */
    record Committed(List<Bytes> results) implements TransactionResult {
        public Committed {
            results = List.copyOf(results);
        }

        /** Bytes of a committed answer with these results; the invoker keeps it within reply-bytes-max. */
        static long lengthOf(List<Bytes> results) {
            long length = 1 + 2;
            for (Bytes result : results) {
                length += 4 + result.length();
            }
            return length;
        }
    }

    /** Operation {@code index} answered {@code code}, which is not OK; nothing was kept. */
    record Aborted(int index, ResultCode code) implements TransactionResult {
        public Aborted {
            Objects.requireNonNull(code, "code");
            if (index < 0 || index >= TransactionEnvelope.OPERATIONS_MAX || code == ResultCode.OK) {
                throw new IllegalArgumentException("an abort names an operation index below "
                        + TransactionEnvelope.OPERATIONS_MAX + " and a code other than OK: " + index + ", " + code);
            }
        }
    }

    /** The envelope as a whole was refused before any operation ran. */
    record Refused(ResultCode code) implements TransactionResult {
        public Refused {
            Objects.requireNonNull(code, "code");
            if (code == ResultCode.OK || code == ResultCode.TRANSACTION_ABORTED) {
                throw new IllegalArgumentException("a refusal has a code of its own, not " + code);
            }
        }
    }

    /** The answer as the replicas send it. */
    default Bytes encode() {
        if (this instanceof Committed committed) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(Committed.lengthOf(committed.results())))
                    .put(ResultCode.OK.code()).putShort((short) committed.results().size());
            for (Bytes result : committed.results()) {
                buffer.putInt(result.length());
                result.writeTo(buffer);
            }
            return Bytes.wrap(buffer.array());
        }
        if (this instanceof Aborted aborted) {
            return Bytes.wrap(ByteBuffer.allocate(4).put(ResultCode.TRANSACTION_ABORTED.code())
                    .putShort((short) aborted.index()).put(aborted.code().code()).array());
        }
        return ServiceResult.encode(((Refused) this).code());
    }

    /**
     * Decodes an answer; empty if it is not exactly one (a faulty replica's answer can never be
     * certified, but the decoder does not rely on that).
     */
    static Optional<TransactionResult> decode(Bytes answer) {
        Optional<ServiceResult> result = ServiceResult.decode(answer);
        if (result.isEmpty()) {
            return Optional.empty();
        }
        try {
            OperationReader reader = new OperationReader(result.get().payload());
            TransactionResult decoded = switch (result.get().code()) {
                case OK -> committed(reader);
                case TRANSACTION_ABORTED -> aborted(reader);
                default -> new Refused(result.get().code());
            };
            reader.end();
            return Optional.of(decoded);
        } catch (OperationReader.Malformed | IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static Committed committed(OperationReader reader) {
        int count = reader.u16();
        if (count == 0 || count > TransactionEnvelope.OPERATIONS_MAX) {
            throw new OperationReader.Malformed("a committed transaction with " + count + " results");
        }
        List<Bytes> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(reader.bytes(reader.length32()));
        }
        return new Committed(results);
    }

    private static Aborted aborted(OperationReader reader) {
        int index = reader.u16();
        ResultCode code = ResultCode.fromCode((byte) reader.u8())
                .orElseThrow(() -> new OperationReader.Malformed("unknown result code"));
        return new Aborted(index, code);
    }
}
