/**
 * The replica as an enterprise application: {@link org.bftee.replica.ReplicaBootstrap} reads the
 * replica's identity, group, service and state directory from the server configuration when the
 * EAR is deployed, runs the protocol ({@link org.bftee.replica.ReplicaRuntime}) on the container's
 * threads, exposes its state as {@link org.bftee.replica.ReplicaMXBean} and stops it all when the
 * EAR is undeployed or the server shuts down.
 */
package org.bftee.replica;
