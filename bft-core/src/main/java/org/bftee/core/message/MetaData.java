package org.bftee.core.message;

import java.util.List;

/**
 * META-DATA(c, l, x, P): the designated replier's description of partition {@code (level, index)}
 * at {@code checkpoint}: the sub-partitions changed after the fetcher's last known checkpoint.
 */
public record MetaData(long checkpoint, int level, long index, List<PartitionSummary> children, int replica)
        implements Message {

    public MetaData {
        Checks.nonNegative(checkpoint, "checkpoint");
        Checks.nonNegative(level, "level");
        Checks.nonNegative(index, "index");
        children = Checks.copy(children, "children");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.META_DATA;
    }
}
