package org.bftee.core.state;

import java.util.Objects;

import org.bftee.core.message.Bytes;

/**
 * A contiguous range of another view's objects, seen as a store of its own: object {@code i} of the
 * range is object {@code first + i} of the view. Lets several services share one object store
 * without seeing each other's objects.
 */
public final class ObjectRange implements ObjectStoreView {

    private final ObjectStoreView view;
    private final int first;
    private final int count;

    /** @throws IllegalArgumentException if the range does not lie inside {@code view} or is empty */
    public ObjectRange(ObjectStoreView view, int first, int count) {
        this.view = Objects.requireNonNull(view, "view");
        if (first < 0 || count < 1 || (long) first + count > view.objectCount()) {
            throw new IllegalArgumentException("objects [" + first + ", " + ((long) first + count)
                    + ") do not lie inside a store of " + view.objectCount());
        }
        this.first = first;
        this.count = count;
    }

    @Override
    public int objectCount() {
        return count;
    }

    @Override
    public int objectBytesMax() {
        return view.objectBytesMax();
    }

    @Override
    public Bytes read(int index) {
        return view.read(first + Objects.checkIndex(index, count));
    }

    @Override
    public void write(int index, Bytes value) {
        view.write(first + Objects.checkIndex(index, count), value);
    }
}
