/**
 * The service SPI: what a replicated application implements ({@link org.bftee.core.service.Service}),
 * what it is told about each invocation ({@link org.bftee.core.service.InvocationContext}), the
 * compact result format ({@link org.bftee.core.service.ServiceResult}, first byte a
 * {@link org.bftee.core.service.ResultCode}) and the replica's guard around every call
 * ({@link org.bftee.core.service.ServiceInvoker}), which also runs transactions: a
 * {@link org.bftee.core.service.TransactionEnvelope} of operations executed atomically, answered by a
 * {@link org.bftee.core.service.TransactionResult}. The shipped services are in the sub-packages
 * {@code kv} and {@code bank}.
 */
package org.bftee.core.service;
