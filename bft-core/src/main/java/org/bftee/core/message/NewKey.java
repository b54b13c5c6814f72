package org.bftee.core.message;

import java.util.List;
import java.util.Objects;

/**
 * NEW-KEY: replica {@code replica} distributes fresh session keys, each sealed for its receiver
 * with key agreement on {@code ephemeralPublicKey}, the whole signed. {@code counter} only grows,
 * so a replayed NEW-KEY is refused. Signed, so its frame carries no MAC.
 */
public record NewKey(int replica, long counter, Bytes ephemeralPublicKey, List<SealedSessionKey> sealedKeys,
                     Bytes signature) implements Message {

    public NewKey {
        Checks.nonNegative(replica, "replica");
        Checks.nonNegative(counter, "counter");
        Objects.requireNonNull(ephemeralPublicKey, "ephemeralPublicKey");
        sealedKeys = Checks.copy(sealedKeys, "sealedKeys");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public MessageType type() {
        return MessageType.NEW_KEY;
    }
}
