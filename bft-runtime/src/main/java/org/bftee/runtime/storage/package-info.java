/**
 * Durable checkpoint storage ({@link org.bftee.runtime.storage.CheckpointStorage}): a replica's checkpoints
 * written as a chain of deltas over a base image, listed by a manifest, each file replaced by temporary
 * file, force and atomic rename, so that a restart after a crash at any point finds the old or the new
 * checkpoint, and damage is detected and reported rather than loaded.
 */
package org.bftee.runtime.storage;
