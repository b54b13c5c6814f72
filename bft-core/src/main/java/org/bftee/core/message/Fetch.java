package org.bftee.core.message;

/**
 * FETCH(l, x, lc, c, k, i): replica {@code replica} wants partition {@code (level, index)} of the
 * partition tree at checkpoint {@code checkpoint} or newer; it holds the partition as of
 * {@code lastCheckpointKnown}; {@code designatedReplier} answers with META-DATA (or DATA for a
 * leaf), the others with META-DATA-DIGEST.
 *
 * @param lastCheckpointKnown {@link #NONE} when the fetcher holds nothing it trusts for the partition
 * @param checkpoint          {@link #NONE} when any checkpoint will do
 * @param designatedReplier   {@link #NONE} when no replica is designated
 */
public record Fetch(int level, long index, long lastCheckpointKnown, long checkpoint, int designatedReplier,
                    int replica) implements Message {

    /** The value of an optional field that is absent. */
    public static final int NONE = -1;

    public Fetch {
        Checks.nonNegative(level, "level");
        Checks.nonNegative(index, "index");
        Checks.nonNegativeOrNone(lastCheckpointKnown, "lastCheckpointKnown");
        Checks.nonNegativeOrNone(checkpoint, "checkpoint");
        Checks.nonNegativeOrNone(designatedReplier, "designatedReplier");
        Checks.nonNegative(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.FETCH;
    }
}
