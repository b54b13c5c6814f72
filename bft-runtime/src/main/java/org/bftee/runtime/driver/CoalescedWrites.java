package org.bftee.runtime.driver;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.bftee.runtime.net.FrameConnection;

/**
 * The writes an owner thread made during one batch of events, flushed together at its end
 * ({@code afterBatch} of {@link OwnerLoop} or {@link EventLoopOwner}): one flush per connection per batch, however many frames
 * went out on it. Owner thread only.
 */
public final class CoalescedWrites {

    private final Set<FrameConnection> dirty = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Queues {@code frame} on {@code connection}, to be flushed with the batch. */
    public void write(FrameConnection connection, ByteBuffer frame) {
        connection.write(frame);
        dirty.add(connection);
    }

    /** Flushes every connection written to since the last flush. */
    public void flush() {
        for (FrameConnection connection : dirty) {
            connection.flush();
        }
        dirty.clear();
    }
}
