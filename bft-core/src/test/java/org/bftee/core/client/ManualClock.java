package org.bftee.core.client;

import org.bftee.core.protocol.TimeSource;

/** A {@link TimeSource} that moves only when a test moves it. */
final class ManualClock implements TimeSource {

    private long nowMillis;

    ManualClock(long startMillis) {
        this.nowMillis = startMillis;
    }

    @Override
    public long nowMillis() {
        return nowMillis;
    }

    void set(long millis) {
        nowMillis = millis;
    }
}
