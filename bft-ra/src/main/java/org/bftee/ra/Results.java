package org.bftee.ra;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceResult;
import org.bftee.ra.api.BftException;
import org.bftee.ra.api.BftOperationRejectedException;

/**
 * Reads an agreed service result (first byte a {@link ResultCode}, as the service SPI requires):
 * the payload of a successful one, {@link BftOperationRejectedException} with the code for any
 * other. The format is bft-core's {@link ServiceResult}; nothing here re-implements it.
 */
final class Results {

    private Results() {
    }

    /**
     * @return the payload of an {@code OK} result
     * @throws BftOperationRejectedException for any other result code
     * @throws BftException if the result has no known result code (the service broke its contract)
     */
    static byte[] payload(byte[] result) throws BftException {
        ServiceResult decoded = decode(result);
        if (decoded.code() != ResultCode.OK) {
            throw rejected(decoded.code(), "the service refused the operation");
        }
        return decoded.payload().toByteArray();
    }

    static BftOperationRejectedException rejected(ResultCode code, String what) {
        return new BftOperationRejectedException(what + ": " + code + " (" + code.code() + ")", code.code(),
                code.name());
    }

    /**
     * @return the payload read as the one 64-bit number that the bank's answers carry
     * @throws BftException if it is not exactly one
     */
    static long longPayload(byte[] payload) throws BftException {
        if (payload.length != Long.BYTES) {
            throw new BftException("the agreed result carries " + payload.length + " bytes where the bank ledger"
                    + " answers one 64-bit number; is the group running the bank service?");
        }
        return ByteBuffer.wrap(payload).getLong();
    }

    private static ServiceResult decode(byte[] result) throws BftException {
        Optional<ServiceResult> decoded = ServiceResult.decode(Bytes.of(result));
        if (decoded.isEmpty()) {
            throw new BftException("the agreed result (" + result.length + " bytes) does not start with a known"
                    + " result code, so the service broke its contract");
        }
        return decoded.get();
    }
}
