package org.bftee.ra;

import org.bftee.ra.api.BftException;

/** A client session whose next outcome the test chooses. */
final class FakeClientSession implements BftClientSession {

    interface Outcome {
        byte[] invoke(byte[] operation, boolean readOnly) throws BftException;
    }

    Outcome outcome = (operation, readOnly) -> operation;
    Boolean lastReadOnly;
    int closeCount;

    @Override
    public byte[] invoke(byte[] operation, boolean readOnly) throws BftException {
        lastReadOnly = readOnly;
        return outcome.invoke(operation, readOnly);
    }

    @Override
    public void close() {
        closeCount++;
    }
}
