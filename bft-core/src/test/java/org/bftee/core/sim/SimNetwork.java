package org.bftee.core.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bftee.core.auth.OpenResult;

/**
 * Carries sealed frames (real bytes) between principals on virtual time. Per frame, in order:
 * a partition cutting the link drops it; the conditions' loss drops it; the link's
 * {@link FrameFault}, if any, decides what travels instead; each resulting frame gets a random
 * delay (which reorders) and may be duplicated with its own delay; at arrival a partition cutting
 * the link drops it, else the receiver's {@link FrameEndpoint} gets it. Every draw comes from the
 * streams the constructor gets, so a run replays from its seed.
 */
public final class SimNetwork {

    private final Scheduler scheduler;
    private final EventTrace trace;
    private final SplittableRandom conditionsRandom;
    private final SplittableRandom faultRandom;
    private final Map<Integer, FrameEndpoint> endpoints = new HashMap<>();
    private final Map<Link, FrameFault> faults = new HashMap<>();
    private final List<Partition> partitions = new ArrayList<>();
    private final NetworkCounters counters = new NetworkCounters();
    private NetworkConditions conditions = NetworkConditions.perfect();

    public SimNetwork(Scheduler scheduler, EventTrace trace, SplittableRandom conditionsRandom,
                      SplittableRandom faultRandom) {
        this.scheduler = scheduler;
        this.trace = trace;
        this.conditionsRandom = conditionsRandom;
        this.faultRandom = faultRandom;
    }

    /** Delivers the frames addressed to {@code principal} to {@code endpoint}. */
    public void attach(int principal, FrameEndpoint endpoint) {
        endpoints.put(principal, endpoint);
    }

    /** Applies {@code conditions} to every frame sent from now on. */
    public void conditions(NetworkConditions conditions) {
        this.conditions = conditions;
    }

    public NetworkConditions conditions() {
        return conditions;
    }

    /** Adds a partition; it starts and heals at its own times. */
    public void partition(Partition partition) {
        partitions.add(partition);
    }

    /** Installs {@code fault} on {@code link}, replacing any other; {@code null} removes it. */
    public void fault(Link link, FrameFault fault) {
        if (fault == null) {
            faults.remove(link);
        } else {
            faults.put(link, fault);
        }
    }

    /** Removes every fault: the Byzantine links behave from now on. */
    public void clearFaults() {
        faults.clear();
    }

    public NetworkCounters counters() {
        return counters;
    }

    /** Whether a partition cuts {@code link} now. */
    public boolean isCut(Link link) {
        long now = scheduler.nowMillis();
        for (Partition partition : partitions) {
            if (partition.cuts(link, now)) {
                return true;
            }
        }
        return false;
    }

    /** Sends one frame on {@code from → to}; the array must not change afterwards. */
    public void send(int from, int to, byte[] frame) {
        Link link = new Link(from, to);
        counters.sent++;
        if (isCut(link)) {
            counters.cutByPartition++;
            trace.record(scheduler.nowMillis(), "cut", from, to, Arrays.hashCode(frame));
            return;
        }
        if (conditions.lossProbability() > 0 && conditionsRandom.nextDouble() < conditions.lossProbability()) {
            counters.lost++;
            trace.record(scheduler.nowMillis(), "lost", from, to, Arrays.hashCode(frame));
            return;
        }
        FrameFault fault = faults.get(link);
        if (fault == null) {
            transmit(link, frame);
            return;
        }
        Actions actions = new Actions(link);
        fault.apply(link, frame, actions);
        if (actions.carried == 0) {
            counters.droppedByFault++;
            trace.record(scheduler.nowMillis(), "fault-drop", from, to, Arrays.hashCode(frame));
        }
    }

    /**
     * Delivers {@code frame} on {@code from → to} after {@code delayMillis}, outside the conditions
     * and faults (partitions still apply at arrival): a Byzantine principal's forged or replayed frame.
     */
    public void inject(int from, int to, byte[] frame, long delayMillis) {
        counters.injected++;
        byte[] copy = frame.clone();
        Link link = new Link(from, to);
        scheduler.after(delayMillis, () -> arrive(link, copy));
    }

    private void transmit(Link link, byte[] frame) {
        scheduler.after(delay(), () -> arrive(link, frame));
        if (conditions.duplicateProbability() > 0
                && conditionsRandom.nextDouble() < conditions.duplicateProbability()) {
            counters.duplicated++;
            scheduler.after(delay(), () -> arrive(link, frame));
        }
    }

    private long delay() {
        long min = conditions.delayMinMillis();
        long max = conditions.delayMaxMillis();
        return min == max ? min : min + conditionsRandom.nextLong(max - min + 1);
    }

    private void arrive(Link link, byte[] frame) {
        long now = scheduler.nowMillis();
        if (isCut(link)) {
            counters.cutByPartition++;
            trace.record(now, "cut", link.from(), link.to(), Arrays.hashCode(frame));
            return;
        }
        FrameEndpoint endpoint = endpoints.get(link.to());
        if (endpoint == null) {
            counters.toDownHost++;
            return;
        }
        trace.record(now, "deliver", link.from(), link.to(), Arrays.hashCode(frame));
        if (endpoint.deliver(link.from(), frame)) {
            counters.delivered++;
        } else {
            counters.toDownHost++;
        }
    }

    /** Called by hosts: a frame their opener refused. */
    void rejected(OpenResult.Rejected rejection) {
        counters.recordRejected(rejection);
    }

    private final class Actions implements LinkActions {
        private final Link link;
        private int carried;

        Actions(Link link) {
            this.link = link;
        }

        @Override
        public void deliver(byte[] frame) {
            carried++;
            transmit(link, frame);
        }

        @Override
        public void deliverAfter(long delayMillis, byte[] frame) {
            carried++;
            counters.injected++;
            scheduler.after(delayMillis, () -> arrive(link, frame));
        }

        @Override
        public SplittableRandom random() {
            return faultRandom;
        }

        @Override
        public long nowMillis() {
            return scheduler.nowMillis();
        }
    }
}
