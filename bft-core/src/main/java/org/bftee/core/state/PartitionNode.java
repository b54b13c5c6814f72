package org.bftee.core.state;

import java.util.Objects;
import org.bftee.core.crypto.Digest;

/**
 * One node of the partition tree as of some checkpoint: a partition (inner node) or an object
 * (leaf). Level 0 is the root; the leaves are at {@link ObjectStore#leafLevel()}, where the index is
 * the object's index.
 *
 * @param lastModified the sequence number of the checkpoint at which the node last changed
 *                     ({@code lm} in the thesis); 0 for a node unchanged since the initial state
 */
public record PartitionNode(int level, long index, long lastModified, Digest digest) {

    public PartitionNode {
        if (level < 0 || index < 0 || lastModified < 0) {
            throw new IllegalArgumentException("negative level, index or lastModified: " + level + ", "
                    + index + ", " + lastModified);
        }
        Objects.requireNonNull(digest, "digest");
    }
}
