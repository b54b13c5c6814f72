/**
 * What applications compile against to use a BFT-EE replica group through the resource adapter.
 *
 * <p>An application looks up a {@link org.bftee.ra.api.BftConnectionFactory} in JNDI (for example
 * {@code @Resource(lookup = "java:/eis/bft")}), opens a {@link org.bftee.ra.api.BftConnection},
 * invokes operations and closes the connection, the same way it uses a {@code DataSource}. Every
 * failure reaches the caller as a subclass of {@link org.bftee.ra.api.BftException}, so callers can
 * tell a timeout from an unreachable group, a group with more than {@code f} faulty replicas, an
 * operation that the service refused, an operation too large to send, and an aborted transaction.
 * {@link org.bftee.ra.api.BftKeyValueStore} and {@link org.bftee.ra.api.BftBankLedger} are typed
 * helpers for the services BFT-EE ships.
 *
 * <p>Transactions: inside a JTA transaction (or one begun with
 * {@link org.bftee.ra.api.BftConnection#localTransaction()}) operations are collected and sent at
 * transaction commit as one request that the replicas apply atomically, all or none; a rollback
 * sends nothing. Results of operations in a transaction are available only after commit, through
 * the stage that {@link org.bftee.ra.api.BftConnection#invokeAsync} returns; the blocking
 * {@code invoke} fails at once inside a transaction. The details are in
 * {@link org.bftee.ra.api.BftConnection}.
 *
 * <p>This package holds interfaces and exceptions only. The implementation is in the {@code bft-ra}
 * resource adapter archive, which contains this jar; a deployment reaches these classes through a
 * module dependency on {@code deployment.bft-ra.rar} in its {@code jboss-deployment-structure.xml}.
 */
package org.bftee.ra.api;
