package org.bftee.core.service.bank;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.OperationReader;

/**
 * The bank operations' wire format, used by clients to encode and by the service to decode.
 * Fixed-size fields, big-endian:
 * <pre>
 *   OPEN_ACCOUNT 0x01 | account:i64
 *   DEPOSIT      0x02 | account:i64 | amount:i64
 *   TRANSFER     0x03 | from:i64 | to:i64 | amount:i64
 *   BALANCE      0x04 | account:i64
 *   TOTAL        0x05
 * </pre>
 * Decoding never throws: anything that is not exactly one operation decodes to empty.
 */
public final class BankOperations {

    private BankOperations() {
    }

    public static Bytes encode(BankOperation operation) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * fieldCount(operation.type())).put(operation.type().tag());
        switch (operation.type()) {
            case OPEN_ACCOUNT -> buffer.putLong(((BankOperation.OpenAccount) operation).account());
            case DEPOSIT -> {
                BankOperation.Deposit deposit = (BankOperation.Deposit) operation;
                buffer.putLong(deposit.account()).putLong(deposit.amount());
            }
            case TRANSFER -> {
                BankOperation.Transfer transfer = (BankOperation.Transfer) operation;
                buffer.putLong(transfer.from()).putLong(transfer.to()).putLong(transfer.amount());
            }
            case BALANCE -> buffer.putLong(((BankOperation.Balance) operation).account());
            case TOTAL -> {
                // no fields
            }
        }
        return Bytes.wrap(buffer.array());
    }

    private static int fieldCount(BankOperationType type) {
        return switch (type) {
            case OPEN_ACCOUNT, BALANCE -> 1;
            case DEPOSIT -> 2;
            case TRANSFER -> 3;
            case TOTAL -> 0;
        };
    }

    /** The operation, or empty if {@code operation} is not exactly one well-formed operation. */
    public static Optional<BankOperation> decode(Bytes operation) {
        try {
            OperationReader reader = new OperationReader(operation);
            Optional<BankOperationType> type = BankOperationType.fromTag(reader.u8());
            if (type.isEmpty()) {
                return Optional.empty();
            }
            BankOperation decoded = switch (type.get()) {
                case OPEN_ACCOUNT -> new BankOperation.OpenAccount(reader.i64());
                case DEPOSIT -> new BankOperation.Deposit(reader.i64(), reader.i64());
                case TRANSFER -> new BankOperation.Transfer(reader.i64(), reader.i64(), reader.i64());
                case BALANCE -> new BankOperation.Balance(reader.i64());
                case TOTAL -> new BankOperation.Total();
            };
            reader.end();
            return Optional.of(decoded);
        } catch (OperationReader.Malformed malformed) {
            return Optional.empty();
        }
    }

    /** Whether {@code operation} decodes to a read-only operation. */
    public static boolean isReadOnly(Bytes operation) {
        return decode(operation).map(decoded -> decoded.type().isReadOnly()).orElse(false);
    }
}
