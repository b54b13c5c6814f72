package org.bftee.core.message;

import java.util.Objects;

/** In a NEW-KEY, the fresh session key for messages from {@code receiver} to the sender, sealed for {@code receiver}. */
public record SealedSessionKey(int receiver, Bytes sealedKey) {

    public SealedSessionKey {
        Checks.nonNegative(receiver, "receiver");
        Objects.requireNonNull(sealedKey, "sealedKey");
    }
}
