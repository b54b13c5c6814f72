package org.bftee.ra.api;

import jakarta.resource.ResourceException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The operations of the key-value store that BFT-EE ships, on one {@link BftConnection}. Keys are
 * non-empty byte strings compared as unsigned bytes; values may be empty. The store's limits (key
 * and value sizes, scan sizes) are the replicas'; an operation beyond them fails with
 * {@link BftOperationRejectedException} ({@code TOO_LARGE}), a full bucket with {@code FULL}.
 *
 * <p>Each blocking method fails at once inside a transaction; its {@code …Async} twin is collected
 * into the transaction instead (see "Transactions" in {@link BftConnection}). Inside a transaction
 * every answer other than success aborts the whole, so there a missing key or a compare-and-set
 * that finds another value abort it rather than answer empty or {@code false}: that is how a
 * compare-and-set guards a transaction against concurrent changes (optimistic concurrency).
 */
public interface BftKeyValueStore {

    /** One entry of a scan. */
    record Entry(byte[] key, byte[] value) {
    }

    /**
     * A page of a scan, in key order.
     *
     * @param entries the entries found
     * @param more whether more entries may follow after the last one (scan again with its key as
     *        {@code startAfter})
     */
    record ScanPage(List<Entry> entries, boolean more) {
        public ScanPage {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Sets {@code key} to {@code value}.
     *
     * @throws ResourceException as {@link BftConnection#invoke} does
     */
    void put(byte[] key, byte[] value) throws ResourceException;

    /**
     * @return the value of {@code key}, or empty if it has none; read with the read-only optimisation
     * @throws ResourceException as {@link BftConnection#invokeReadOnly} does
     */
    Optional<byte[]> get(byte[] key) throws ResourceException;

    /**
     * Sets {@code key} to {@code value} only if its value is {@code expected}.
     *
     * @param expected the value the key must have, or {@code null} if it must have none
     * @return whether the value was set; {@code false} if the key had another value
     * @throws ResourceException as {@link BftConnection#invoke} does
     */
    boolean compareAndSet(byte[] key, byte[] expected, byte[] value) throws ResourceException;

    /**
     * @return whether {@code key} existed and was removed
     * @throws ResourceException as {@link BftConnection#invoke} does
     */
    boolean delete(byte[] key) throws ResourceException;

    /**
     * The entries whose key starts with {@code prefix} and sorts after {@code startAfter}, read with
     * the read-only optimisation.
     *
     * @param startAfter the last key of the previous page, or an empty array for the first page
     * @param maxResults at most this many entries (1 to 65535; the store may return fewer)
     * @throws ResourceException as {@link BftConnection#invokeReadOnly} does
     */
    ScanPage scan(byte[] prefix, byte[] startAfter, int maxResults) throws ResourceException;

    /** {@link #put} without waiting; see {@link BftConnection#invokeAsync}. */
    CompletionStage<Void> putAsync(byte[] key, byte[] value) throws ResourceException;

    /** {@link #get} without waiting; inside a transaction, a missing key aborts it. */
    CompletionStage<Optional<byte[]>> getAsync(byte[] key) throws ResourceException;

    /** {@link #compareAndSet} without waiting; inside a transaction, another value aborts it. */
    CompletionStage<Boolean> compareAndSetAsync(byte[] key, byte[] expected, byte[] value) throws ResourceException;

    /** {@link #delete} without waiting; inside a transaction, a missing key aborts it. */
    CompletionStage<Boolean> deleteAsync(byte[] key) throws ResourceException;

    /** {@link #scan} without waiting. */
    CompletionStage<ScanPage> scanAsync(byte[] prefix, byte[] startAfter, int maxResults) throws ResourceException;
}
