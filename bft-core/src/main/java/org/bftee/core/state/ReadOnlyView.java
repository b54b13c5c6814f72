package org.bftee.core.state;

import org.bftee.core.message.Bytes;

/** The view of the store given to read-only requests: a service that writes through it has a bug. */
final class ReadOnlyView implements ObjectStoreView {

    private final ObjectStoreView store;

    ReadOnlyView(ObjectStoreView store) {
        this.store = store;
    }

    @Override
    public int objectCount() {
        return store.objectCount();
    }

    @Override
    public int objectBytesMax() {
        return store.objectBytesMax();
    }

    @Override
    public Bytes read(int index) {
        return store.read(index);
    }

    @Override
    public void write(int index, Bytes value) {
        throw new IllegalStateException("write to object " + index + " during a read-only operation");
    }
}
