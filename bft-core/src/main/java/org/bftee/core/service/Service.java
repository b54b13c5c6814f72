package org.bftee.core.service;

import org.bftee.core.message.Bytes;
import org.bftee.core.state.ObjectStoreView;

/**
 * A replicated service: the state machine that BFT-EE replicates.
 *
 * <p>The contract every implementation keeps, because the replicas agree on results only if each
 * correct replica computes the same one:
 * <ol>
 *   <li><b>Deterministic.</b> The result and the writes depend only on the operation, the context
 *       and the objects read. No clocks (use {@link InvocationContext#agreedTimeMillis()}), no
 *       randomness, no iteration over hash-ordered collections of identity-hashed objects, no
 *       threads, no I/O, no static mutable state, no {@code String.hashCode} of locale- or
 *       JVM-dependent data.</li>
 *   <li><b>State only in the store.</b> Everything that must survive between operations lives in
 *       objects of the {@link ObjectStoreView}; otherwise checkpoints, rollback and state transfer
 *       silently lose it.</li>
 *   <li><b>Never throws on bad input.</b> Operations come from clients, some of them faulty. A
 *       malformed operation answers {@link ResultCode#MALFORMED}, an unauthorised one
 *       {@link ResultCode#FORBIDDEN}, and so on; the result's first byte is a {@link ResultCode}
 *       (see {@link ServiceResult}). The service does its own access control on
 *       {@link InvocationContext#clientPrincipal()}: that is the defence against faulty clients.</li>
 *   <li><b>Bounded.</b> Results stay within the service's named limits and the protocol's
 *       reply-bytes-max; writes stay within {@link ObjectStoreView#objectBytesMax()}.</li>
 *   <li><b>One reserved prefix.</b> Operations that start with the bytes {@code 0xBF 'T' 'X'} are
 *       transaction envelopes ({@link TransactionEnvelope}): the replica unpacks them and hands the
 *       service each operation inside, never the envelope itself.</li>
 * </ol>
 *
 * <p>A service that throws anyway has a bug. The replica runs it through {@link ServiceInvoker},
 * which undoes the operation's writes, answers {@link ResultCode#SERVICE_FAILURE} and hands the
 * exception to the replica to report at ERROR level; because the service is deterministic every
 * correct replica does the same, so agreement holds, but the operator must fix the service.
 * {@link Error}s (out of memory, stack overflow) are not deterministic and are not caught.
 */
public interface Service {

    /** Executes {@code operation} and returns the encoded result, its first byte a {@link ResultCode}. */
    Bytes execute(Bytes operation, InvocationContext context, ObjectStoreView state);

    /**
     * Whether {@code operation} only reads. The replica executes a request sent as read-only only if
     * this holds; false for an operation that does not decode (it is then ordered and answered
     * {@link ResultCode#MALFORMED}). Must not throw.
     */
    boolean isReadOnly(Bytes operation);

    /**
     * The non-deterministic choices the primary proposes for batch {@code sequence}, beyond the
     * agreed time that the library always proposes (PROTOCOL.md, "Non-determinism"): for example a
     * random seed a service needs. Called only at the primary; every replica then executes the
     * batch with the same choices ({@link InvocationContext#nonDeterministicChoices()}). At most
     * {@link #NON_DETERMINISTIC_CHOICES_BYTES_MAX} bytes. The default proposes none.
     */
    default Bytes proposeNonDeterministicChoices(long agreedTimeMillis, long sequence) {
        return Bytes.EMPTY;
    }

    /**
     * Whether a backup accepts the primary's {@code choices} for batch {@code sequence}: a backup that
     * refuses does not prepare the batch, so a faulty primary cannot make the service execute with
     * choices that a correct primary would never propose. The default accepts only no choices.
     */
    default boolean acceptsNonDeterministicChoices(Bytes choices, long agreedTimeMillis, long sequence) {
        return choices.isEmpty();
    }

    /** Largest choices a service may propose for one batch. */
    int NON_DETERMINISTIC_CHOICES_BYTES_MAX = 256;
}
