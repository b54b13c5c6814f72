package org.bftee.core.sim.check;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvOperation;

/**
 * One key-value operation of a history: invoked by {@code client} at {@code invokedAtMillis}, and
 * answered with {@code result} at {@code respondedAtMillis}, or still pending ({@code result} is
 * {@code null}: it may or may not have taken effect).
 */
public record KvCall(int id, int client, KvOperation operation, long invokedAtMillis, Bytes result,
                     long respondedAtMillis) {

    /** The response time of a pending call: after everything. */
    public static final long PENDING = Long.MAX_VALUE;

    public KvCall {
        Objects.requireNonNull(operation, "operation");
    }

    public boolean isPending() {
        return result == null;
    }

    /** The key the operation is on; scans are not part of a per-key history. */
    public Bytes key() {
        return keyOf(operation);
    }

    static Bytes keyOf(KvOperation operation) {
        return switch (operation.type()) {
            case GET -> ((KvOperation.Get) operation).key();
            case PUT -> ((KvOperation.Put) operation).key();
            case COMPARE_AND_SET -> ((KvOperation.CompareAndSet) operation).key();
            case DELETE -> ((KvOperation.Delete) operation).key();
            case SCAN -> throw new IllegalArgumentException("a scan spans keys; per-key histories do not hold scans");
        };
    }

    @Override
    public String toString() {
        return "#" + id + " client " + client + " " + describe(operation) + " -> "
                + (result == null ? "pending" : KvRegisterModel.describeResult(result)) + " ["
                + invokedAtMillis + ", " + (result == null ? "..." : respondedAtMillis) + "] ms";
    }

    static String describe(KvOperation operation) {
        return switch (operation.type()) {
            case GET -> "get(" + show(keyOf(operation)) + ")";
            case PUT -> "put(" + show(keyOf(operation)) + ", " + show(((KvOperation.Put) operation).value()) + ")";
            case COMPARE_AND_SET -> {
                KvOperation.CompareAndSet cas = (KvOperation.CompareAndSet) operation;
                yield "cas(" + show(cas.key()) + ", " + cas.expected().map(KvCall::show).orElse("absent") + " -> "
                        + show(cas.value()) + ")";
            }
            case DELETE -> "delete(" + show(keyOf(operation)) + ")";
            case SCAN -> "scan";
        };
    }

    /** Text when the bytes are printable ASCII, else hex: keys and values in violation messages. */
    static String show(Bytes bytes) {
        byte[] raw = bytes.toByteArray();
        for (byte b : raw) {
            if (b < 0x20 || b > 0x7E) {
                return "0x" + HexFormat.of().formatHex(raw);
            }
        }
        return "'" + new String(raw, StandardCharsets.US_ASCII) + "'";
    }
}
