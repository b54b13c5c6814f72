package org.bftee.core.sim.check;

import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvOperation;

/**
 * The sequential specification of one key of {@link org.bftee.core.service.kv.KvService}: a
 * register that holds a value or is absent. Results that depend on more than the key
 * ({@code FULL}: the key's bucket is shared; {@code TOO_LARGE}) or that change nothing
 * ({@code MALFORMED}, {@code FORBIDDEN}) are consistent with any state and leave it unchanged.
 */
final class KvRegisterModel {

    /** The state of a key: present with a value, or absent ({@code Optional.empty()}). */
    static final Optional<Bytes> ABSENT = Optional.empty();

    private KvRegisterModel() {
    }

    /**
     * The state after {@code operation} answered {@code result} in state {@code state}, or
     * {@code null} if the sequential key cannot give that answer in that state.
     */
    static Optional<Bytes> step(Optional<Bytes> state, KvOperation operation, Bytes result) {
        Optional<ServiceResult> decoded = ServiceResult.decode(result);
        if (decoded.isEmpty()) {
            return null;
        }
        ResultCode code = decoded.get().code();
        Bytes payload = decoded.get().payload();
        if (code == ResultCode.FULL || code == ResultCode.TOO_LARGE || code == ResultCode.MALFORMED
                || code == ResultCode.FORBIDDEN) {
            return state;
        }
        return switch (operation.type()) {
            case GET -> get(state, code, payload);
            case PUT -> code == ResultCode.OK && payload.isEmpty()
                    ? Optional.of(((KvOperation.Put) operation).value()) : null;
            case COMPARE_AND_SET -> compareAndSet(state, (KvOperation.CompareAndSet) operation, code, payload);
            case DELETE -> delete(state, code, payload);
            case SCAN -> null;
        };
    }

    /**
     * The state after {@code operation} whose result nobody saw (a pending call that did take
     * effect): what the sequential key would do.
     */
    static Optional<Bytes> effect(Optional<Bytes> state, KvOperation operation) {
        return switch (operation.type()) {
            case GET, SCAN -> state;
            case PUT -> Optional.of(((KvOperation.Put) operation).value());
            case COMPARE_AND_SET -> {
                KvOperation.CompareAndSet cas = (KvOperation.CompareAndSet) operation;
                yield state.equals(cas.expected()) ? Optional.of(cas.value()) : state;
            }
            case DELETE -> ABSENT;
        };
    }

    private static Optional<Bytes> get(Optional<Bytes> state, ResultCode code, Bytes payload) {
        if (code == ResultCode.OK) {
            return state.isPresent() && state.get().equals(payload) ? state : null;
        }
        return code == ResultCode.NOT_FOUND && state.isEmpty() ? state : null;
    }

    private static Optional<Bytes> compareAndSet(Optional<Bytes> state, KvOperation.CompareAndSet cas,
                                                 ResultCode code, Bytes payload) {
        boolean matches = state.equals(cas.expected());
        if (code == ResultCode.OK && payload.isEmpty()) {
            return matches ? Optional.of(cas.value()) : null;
        }
        return code == ResultCode.CONFLICT && !matches ? state : null;
    }

    private static Optional<Bytes> delete(Optional<Bytes> state, ResultCode code, Bytes payload) {
        if (code == ResultCode.OK && payload.isEmpty()) {
            return state.isPresent() ? ABSENT : null;
        }
        return code == ResultCode.NOT_FOUND && state.isEmpty() ? state : null;
    }

    /** A result for violation messages: its code, and its payload when there is one. */
    static String describeResult(Bytes result) {
        return ServiceResult.decode(result)
                .map(r -> r.payload().isEmpty() ? r.code().name() : r.code() + " " + KvCall.show(r.payload()))
                .orElse("undecodable result " + result);
    }
}
