package org.bftee.ra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ServiceResult;
import org.bftee.ra.api.BftException;

/**
 * A client session whose next outcome the test chooses, for the handle and transaction life cycle
 * where the group's answers are not what is tested. By default it answers every operation with an
 * OK result whose payload is the operation itself.
 */
final class FakeClientSession implements BftClientSession {

    interface Outcome {
        byte[] invoke(byte[] operation, boolean readOnly) throws BftException;
    }

    Outcome outcome = (operation, readOnly) -> ServiceResult.ok(Bytes.of(operation)).toByteArray();
    final List<byte[]> sent = new ArrayList<>();
    Boolean lastReadOnly;
    int requestBytesMax = 1024;
    int closeCount;

    @Override
    public CompletableFuture<byte[]> invokeAsync(byte[] operation, boolean readOnly) {
        lastReadOnly = readOnly;
        sent.add(operation);
        try {
            return CompletableFuture.completedFuture(outcome.invoke(operation, readOnly));
        } catch (BftException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    @Override
    public int requestBytesMax() {
        return requestBytesMax;
    }

    @Override
    public void close() {
        closeCount++;
    }
}
