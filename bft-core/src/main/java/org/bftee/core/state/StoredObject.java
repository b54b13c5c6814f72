package org.bftee.core.state;

import java.util.Objects;
import org.bftee.core.message.Bytes;

/**
 * An object as a checkpoint holds it, for writing to and reading from stable storage: its index
 * among all the store's objects (the library's included), the checkpoint at which it last changed,
 * and its value. The {@code lm} is part of the object's leaf digest, so storage must keep it.
 */
public record StoredObject(int index, long lastModified, Bytes value) {

    public StoredObject {
        if (index < 0 || lastModified < 0) {
            throw new IllegalArgumentException("negative index or lastModified: " + index + ", " + lastModified);
        }
        Objects.requireNonNull(value, "value");
    }
}
