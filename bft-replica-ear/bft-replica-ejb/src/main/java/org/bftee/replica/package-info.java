/**
 * The replica as an enterprise application: {@link org.bftee.replica.ReplicaBootstrap} reads the
 * replica's identity and group from the server configuration when the EAR is deployed and stops the
 * replica when it is undeployed.
 */
package org.bftee.replica;
