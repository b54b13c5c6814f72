package org.bftee.ra;

import jakarta.resource.ResourceException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.service.kv.KvScanResult;
import org.bftee.ra.api.BftException;
import org.bftee.ra.api.BftKeyValueStore;

/**
 * The key-value helpers of one handle: operations encoded and results decoded by bft-core's
 * {@link KvOperations} and {@link KvScanResult}, addressed to the key-value store of the shipped
 * services ({@link ShippedServices}, what a replica runs by default), sent through the handle. Arguments that the wire
 * format cannot carry (an empty key, a key above 65535 bytes) are refused with
 * {@link IllegalArgumentException} before anything is sent, as a programming error.
 */
final class BftKeyValueStoreImpl implements BftKeyValueStore {

    private final BftConnectionImpl connection;

    BftKeyValueStoreImpl(BftConnectionImpl connection) {
        this.connection = connection;
    }

    @Override
    public void put(byte[] key, byte[] value) throws ResourceException {
        connection.blocking(() -> putAsync(key, value));
    }

    @Override
    public Optional<byte[]> get(byte[] key) throws ResourceException {
        return connection.blocking(() -> getAsync(key));
    }

    @Override
    public boolean compareAndSet(byte[] key, byte[] expected, byte[] value) throws ResourceException {
        return connection.blocking(() -> compareAndSetAsync(key, expected, value));
    }

    @Override
    public boolean delete(byte[] key) throws ResourceException {
        return connection.blocking(() -> deleteAsync(key));
    }

    @Override
    public ScanPage scan(byte[] prefix, byte[] startAfter, int maxResults) throws ResourceException {
        return connection.blocking(() -> scanAsync(prefix, startAfter, maxResults));
    }

    @Override
    public CompletableFuture<Void> putAsync(byte[] key, byte[] value) throws ResourceException {
        return Stages.decode(write(new KvOperation.Put(Bytes.of(key), Bytes.of(value))), payload -> null);
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getAsync(byte[] key) throws ResourceException {
        CompletableFuture<Optional<byte[]>> found = Stages.decode(read(new KvOperation.Get(Bytes.of(key))),
                Optional::of);
        return Stages.recover(found, ResultCode.NOT_FOUND, Optional.empty());
    }

    @Override
    public CompletableFuture<Boolean> compareAndSetAsync(byte[] key, byte[] expected, byte[] value)
            throws ResourceException {
        Optional<Bytes> current = expected == null ? Optional.empty() : Optional.of(Bytes.of(expected));
        CompletableFuture<Boolean> set = Stages.decode(
                write(new KvOperation.CompareAndSet(Bytes.of(key), current, Bytes.of(value))), payload -> true);
        return Stages.recover(set, ResultCode.CONFLICT, false);
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(byte[] key) throws ResourceException {
        CompletableFuture<Boolean> deleted = Stages.decode(write(new KvOperation.Delete(Bytes.of(key))),
                payload -> true);
        return Stages.recover(deleted, ResultCode.NOT_FOUND, false);
    }

    @Override
    public CompletableFuture<ScanPage> scanAsync(byte[] prefix, byte[] startAfter, int maxResults)
            throws ResourceException {
        return Stages.decode(read(new KvOperation.Scan(Bytes.of(prefix), Bytes.of(startAfter), maxResults)),
                BftKeyValueStoreImpl::scanPage);
    }

    private CompletableFuture<byte[]> write(KvOperation operation) throws ResourceException {
        return connection.invokeAsync(ShippedServices.forKv(KvOperations.encode(operation)).toByteArray(), false);
    }

    private CompletableFuture<byte[]> read(KvOperation operation) throws ResourceException {
        return connection.invokeAsync(ShippedServices.forKv(KvOperations.encode(operation)).toByteArray(), true);
    }

    private static ScanPage scanPage(byte[] payload) throws BftException {
        KvScanResult result = KvScanResult.decode(Bytes.of(payload)).orElseThrow(() -> new BftException(
                "the agreed answer to a scan is not a scan result; is the group running the key-value service?"));
        return new ScanPage(result.entries().stream()
                .map(entry -> new Entry(entry.key().toByteArray(), entry.value().toByteArray())).toList(),
                result.more());
    }
}
