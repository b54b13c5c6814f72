package org.bftee.core.state;

import org.bftee.core.message.Bytes;

/**
 * What a service sees of the state: a fixed array of objects, each a byte string (empty when never
 * written). The service reads and writes only through this view, so that the library knows which
 * objects changed (for copy-on-write checkpoints, undo and the partition tree).
 *
 * <p>Misuse is a service bug, not bad client input, and fails at once: an index outside
 * {@code [0, objectCount())} throws {@link IndexOutOfBoundsException}, a value longer than
 * {@link #objectBytesMax()} throws {@link IllegalArgumentException}, and a write through a
 * read-only view throws {@link IllegalStateException}. Services check client-supplied sizes
 * against {@link #objectBytesMax()} themselves and answer with a result code.
 */
public interface ObjectStoreView {

    int objectCount();

    int objectBytesMax();

    /** The object's current value; {@link Bytes#EMPTY} if it was never written. */
    Bytes read(int index);

    /** Replaces the object's value. */
    void write(int index, Bytes value);
}
