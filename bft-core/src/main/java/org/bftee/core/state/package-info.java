/**
 * The service state: the object store ({@link org.bftee.core.state.ObjectStore}), an array of
 * byte-string objects with copy-on-write checkpoints and undo, and the partition tree that gives each
 * checkpoint one digest and lets state transfer fetch only the partitions that differ.
 */
package org.bftee.core.state;
