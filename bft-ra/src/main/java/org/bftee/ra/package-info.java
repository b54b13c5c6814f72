/**
 * The JCA 2.1 resource adapter through which enterprise beans submit operations to a replica group.
 *
 * <p>The roles follow the Jakarta Connectors specification and IronJacamar's names:
 * {@link org.bftee.ra.BftResourceAdapter} (the adapter's life cycle),
 * {@link org.bftee.ra.BftManagedConnectionFactory} (configured in the {@code resource-adapters}
 * subsystem; its configuration is the value {@link org.bftee.ra.BftConnectionConfig}),
 * {@link org.bftee.ra.BftManagedConnection} (one pooled physical session with the group, and the
 * handles on it), {@link org.bftee.ra.BftConnectionFactoryImpl} and
 * {@link org.bftee.ra.BftConnectionImpl} (what the application sees, through the interfaces of
 * {@code org.bftee.ra.api}).
 *
 * <p>The adapter declares {@code NoTransaction}: operations are not enlisted in JTA transactions.
 * Transaction support (operations collected in a transaction and sent as one atomic request at
 * transaction commit) comes with the client protocol, as does the session with the replicas: until
 * then every invocation fails with {@link org.bftee.ra.api.BftGroupUnreachableException}.
 */
package org.bftee.ra;
