package org.bftee.ra;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.util.ArrayList;
import java.util.List;

/** Stands in for the application server's connection manager: it records every event it receives. */
class RecordingListener implements ConnectionEventListener {

    final List<ConnectionEvent> events = new ArrayList<>();

    @Override
    public void connectionClosed(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        events.add(event);
    }

    ConnectionEvent only() {
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one event, got " + events.size());
        }
        return events.get(0);
    }
}
