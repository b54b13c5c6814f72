package org.bftee.core.sim;

import java.util.Set;

/**
 * Cuts every link between {@code side} and the other principals from {@code startMillis} until it
 * heals at {@code healMillis}. A frame is lost if its link is cut when it is sent or when it
 * would arrive.
 */
public record Partition(Set<Integer> side, long startMillis, long healMillis) {

    public Partition {
        side = Set.copyOf(side);
        if (startMillis < 0 || healMillis < startMillis) {
            throw new IllegalArgumentException("partition from " + startMillis + " to " + healMillis + " ms");
        }
    }

    /** Whether the partition cuts {@code link} at {@code timeMillis}. */
    public boolean cuts(Link link, long timeMillis) {
        return timeMillis >= startMillis && timeMillis < healMillis
                && side.contains(link.from()) != side.contains(link.to());
    }
}
