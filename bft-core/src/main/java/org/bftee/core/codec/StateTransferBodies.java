package org.bftee.core.codec;

import java.util.List;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Data;
import org.bftee.core.message.Fetch;
import org.bftee.core.message.MetaData;
import org.bftee.core.message.MetaDataDigest;
import org.bftee.core.message.PartitionSummary;

/**
 * Bodies of the state transfer messages (big-endian; {@code bytes} is a 4-byte length then the
 * bytes; {@code list} a 4-byte count then the elements):
 *
 * <pre>
 * FETCH             level i32 | index i64 | lastCheckpointKnown i64 | checkpoint i64
 *                   | designatedReplier i32 | replica i32
 * META-DATA         checkpoint i64 | level i32 | index i64
 *                   | children list of (index i64 | lastModified i64 | digest 32) | replica i32
 * META-DATA-DIGEST  checkpoint i64 | level i32 | index i64 | digest 32 | replica i32
 * DATA              index i64 | lastModified i64 | value bytes | replica i32
 * </pre>
 *
 * In a FETCH, {@code -1} ({@link Fetch#NONE}) marks an absent checkpoint or replier.
 */
final class StateTransferBodies {

    private StateTransferBodies() {
    }

    static void writeFetch(WireWriter writer, Fetch fetch) {
        writer.below(fetch.level(), writer.limits().partitionLevelsMax(), "fetch level");
        writer.int64(fetch.index());
        writer.int64(fetch.lastCheckpointKnown());
        writer.int64(fetch.checkpoint());
        writer.replicaOrNone(fetch.designatedReplier(), "fetch designatedReplier");
        writer.replica(fetch.replica(), "fetch replica");
    }

    static Fetch readFetch(WireReader reader) {
        int level = reader.below("fetch level", reader.limits().partitionLevelsMax());
        long index = reader.nonNegativeLong("fetch index");
        long lastCheckpointKnown = reader.nonNegativeLongOrNone("fetch lastCheckpointKnown");
        long checkpoint = reader.nonNegativeLongOrNone("fetch checkpoint");
        int designatedReplier = reader.replicaOrNone("fetch designatedReplier");
        int replica = reader.replica("fetch replica");
        return reader.failed() ? null
                : new Fetch(level, index, lastCheckpointKnown, checkpoint, designatedReplier, replica);
    }

    static void writeMetaData(WireWriter writer, MetaData metaData) {
        writer.int64(metaData.checkpoint());
        writer.below(metaData.level(), writer.limits().partitionLevelsMax(), "meta-data level");
        writer.int64(metaData.index());
        writer.list(metaData.children(), writer.limits().metaDataChildrenMax(), "children", (out, child) -> {
            out.int64(child.index());
            out.int64(child.lastModified());
            out.digest(child.digest());
        });
        writer.replica(metaData.replica(), "meta-data replica");
    }

    static MetaData readMetaData(WireReader reader) {
        long checkpoint = reader.nonNegativeLong("meta-data checkpoint");
        int level = reader.below("meta-data level", reader.limits().partitionLevelsMax());
        long index = reader.nonNegativeLong("meta-data index");
        List<PartitionSummary> children = reader.list("children", reader.limits().metaDataChildrenMax(),
                WireSizes.PARTITION_SUMMARY, in -> {
                    long childIndex = in.nonNegativeLong("child index");
                    long lastModified = in.nonNegativeLong("child lastModified");
                    Digest digest = in.digest("child digest");
                    return in.failed() ? null : new PartitionSummary(childIndex, lastModified, digest);
                });
        int replica = reader.replica("meta-data replica");
        return reader.failed() ? null : new MetaData(checkpoint, level, index, children, replica);
    }

    static void writeMetaDataDigest(WireWriter writer, MetaDataDigest metaDataDigest) {
        writer.int64(metaDataDigest.checkpoint());
        writer.below(metaDataDigest.level(), writer.limits().partitionLevelsMax(), "meta-data-digest level");
        writer.int64(metaDataDigest.index());
        writer.digest(metaDataDigest.digest());
        writer.replica(metaDataDigest.replica(), "meta-data-digest replica");
    }

    static MetaDataDigest readMetaDataDigest(WireReader reader) {
        long checkpoint = reader.nonNegativeLong("meta-data-digest checkpoint");
        int level = reader.below("meta-data-digest level", reader.limits().partitionLevelsMax());
        long index = reader.nonNegativeLong("meta-data-digest index");
        Digest digest = reader.digest("meta-data-digest digest");
        int replica = reader.replica("meta-data-digest replica");
        return reader.failed() ? null : new MetaDataDigest(checkpoint, level, index, digest, replica);
    }

    static void writeData(WireWriter writer, Data data) {
        writer.int64(data.index());
        writer.int64(data.lastModified());
        writer.bytes(data.value(), writer.limits().dataValueBytesMax(), "data value");
        writer.replica(data.replica(), "data replica");
    }

    static Data readData(WireReader reader) {
        long index = reader.nonNegativeLong("data index");
        long lastModified = reader.nonNegativeLong("data lastModified");
        Bytes value = reader.bytes("data value", reader.limits().dataValueBytesMax());
        int replica = reader.replica("data replica");
        return reader.failed() ? null : new Data(index, lastModified, value, replica);
    }
}
