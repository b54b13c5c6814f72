/**
 * The JCA 2.1 resource adapter through which enterprise beans submit operations to a replica group.
 *
 * <p>The roles follow the Jakarta Connectors specification and IronJacamar's names:
 * {@link org.bftee.ra.BftResourceAdapter} (the adapter's life cycle, its client sessions and their
 * threads from the container's WorkManager), {@link org.bftee.ra.BftManagedConnectionFactory}
 * (configured in the {@code resource-adapters} subsystem; its configuration is the value
 * {@link org.bftee.ra.BftConnectionConfig}, whose files {@code GroupFiles} reads and checks),
 * {@link org.bftee.ra.BftManagedConnection} (one pooled physical session with the group, its
 * handles and its local transaction), {@link org.bftee.ra.BftConnectionFactoryImpl} and
 * {@link org.bftee.ra.BftConnectionImpl} (what the application sees, through the interfaces of
 * {@code org.bftee.ra.api}).
 *
 * <p>Physical sessions. A client principal may have only one session with the group (its lanes'
 * timestamps and reply cache entries would collide otherwise), so the managed connections of one
 * configuration share one {@code BftClient} of the runtime with {@code sessionPoolSize} lanes
 * ({@code SharedClients}); each holds a lease that its {@code destroy()} gives back.
 *
 * <p>Transactions. The adapter declares {@code LocalTransaction}. While a transaction is active on
 * a managed connection, its invocations are collected ({@code PendingTransaction}) and sent at
 * transaction commit as one bft-core {@code TransactionEnvelope}, which the replicas execute in one
 * atomic section: every operation or none. A rollback sends nothing. Results reach the application
 * through the stages of {@code invokeAsync}, completed at commit; blocking invocations are refused
 * inside a transaction (see {@link org.bftee.ra.api.BftConnection}). Read-only operations inside a
 * transaction are collected like the others, so they read the transaction's own earlier writes.
 */
package org.bftee.ra;
