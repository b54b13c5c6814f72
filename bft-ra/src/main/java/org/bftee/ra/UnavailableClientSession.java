package org.bftee.ra;

import org.bftee.ra.api.BftGroupUnreachableException;

/**
 * The session used until the client protocol exists: it reaches no replica, so every invocation
 * fails with {@link BftGroupUnreachableException} rather than returning a result that no replica
 * produced.
 */
final class UnavailableClientSession implements BftClientSession {

    private final String groupFile;

    UnavailableClientSession(BftConnectionConfig config) {
        this.groupFile = config.groupFile();
    }

    @Override
    public byte[] invoke(byte[] operation, boolean readOnly) throws BftGroupUnreachableException {
        throw new BftGroupUnreachableException("replica group unreachable: the BFT client runtime is not"
                + " available in this version of the resource adapter (group file " + groupFile
                + "); the operation was not sent");
    }

    @Override
    public void close() {
        // Nothing was opened.
    }
}
