package org.bftee.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ResourceException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bftee.ra.api.BftConnection;
import org.bftee.ra.api.BftConnectionFactory;

/**
 * The key-value store of the replica group, with text keys and values (UTF-8): each call opens a
 * connection from the factory at {@code java:/eis/bft}, uses its typed helper and closes it.
 *
 * <p>The {@code Bft*Exception}s are checked {@link ResourceException}s, so the container hands them
 * to the caller unchanged. The bean runs without a container transaction ({@code NOT_SUPPORTED}):
 * inside one the adapter would collect the operations for the commit, and a blocking call, which
 * needs its answer at once, is refused there.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KeyValueBean {

    @Resource(lookup = "java:/eis/bft")
    private BftConnectionFactory connectionFactory;

    public void put(String key, String value) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            connection.kv().put(utf8(key), utf8(value));
        }
    }

    /** The value of {@code key}, read with the read-only optimisation. */
    public Optional<String> get(String key) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.kv().get(utf8(key)).map(value -> new String(value, StandardCharsets.UTF_8));
        }
    }

    /**
     * Sets {@code key} to {@code value} if it still has {@code expected} (null: no value): the
     * optimistic concurrency a read-modify-write needs across callers.
     */
    public boolean compareAndSet(String key, String expected, String value) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.kv().compareAndSet(utf8(key), expected == null ? null : utf8(expected), utf8(value));
        }
    }

    public boolean delete(String key) throws ResourceException {
        try (BftConnection connection = connectionFactory.getConnection()) {
            return connection.kv().delete(utf8(key));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
