package org.bftee.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.message.Message;
import org.bftee.core.protocol.ProtocolTimer;

/** A node that only records what happens to it, with the virtual time; the test drives its outbox. */
final class RecordingNode implements ProtocolNode {

    final HostContext context;
    final List<String> events = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    private final Scheduler scheduler;
    int invariantChecks;

    RecordingNode(HostContext context, Scheduler scheduler) {
        this.context = context;
        this.scheduler = scheduler;
    }

    @Override
    public void onMessage(int sender, Message message) {
        messages.add(message);
        events.add(scheduler.nowMillis() + " " + message.type() + " from " + sender);
    }

    @Override
    public void onTimer(ProtocolTimer timer) {
        events.add(scheduler.nowMillis() + " " + timer);
    }

    @Override
    public void checkInvariants() {
        invariantChecks++;
    }
}
