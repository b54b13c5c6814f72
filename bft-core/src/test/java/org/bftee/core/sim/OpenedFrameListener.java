package org.bftee.core.sim;

import org.bftee.core.message.Message;

/** Hears of each frame a host's opener accepted ({@link SimHost#onOpened}). */
@FunctionalInterface
public interface OpenedFrameListener {

    void opened(int receiver, byte[] frame, int sender, Message message);
}
