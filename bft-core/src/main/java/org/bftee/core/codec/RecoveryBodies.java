package org.bftee.core.codec;

import java.util.List;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.NewKey;
import org.bftee.core.message.QueryStable;
import org.bftee.core.message.ReplyStable;
import org.bftee.core.message.SealedSessionKey;

/**
 * Bodies of the key refresh and recovery messages (big-endian; {@code bytes} is a 4-byte length
 * then the bytes; {@code list} a 4-byte count then the elements):
 *
 * <pre>
 * NEW-KEY       sender i32 | counter i64 | ephemeralPublicKey bytes
 *               | sealedKeys list of (receiver i32 | sealedKey bytes) | signature bytes
 * QUERY-STABLE  replica i32 | nonce i64
 * REPLY-STABLE  lastCheckpoint i64 | lastPrepared i64 | replica i32 | nonce i64
 * </pre>
 *
 * A NEW-KEY's sender and receivers are principals (replicas or clients: clients choose the keys
 * of the replies sent to them), so they are only checked to be non-negative; the frame opener
 * checks that the sender is the frame's authenticated principal.
 */
final class RecoveryBodies {

    private RecoveryBodies() {
    }

    /**
     * The signature covers the bytes that the crypto package's NEW-KEY format defines, not this
     * encoding, so that the wire format can change without changing what is signed.
     */
    static void writeNewKey(WireWriter writer, NewKey newKey) {
        WireLimits limits = writer.limits();
        if (newKey.replica() < 0) {
            throw new IllegalArgumentException("new-key sender " + newKey.replica() + " is negative");
        }
        writer.int32(newKey.replica());
        writer.int64(newKey.counter());
        writer.bytes(newKey.ephemeralPublicKey(), limits.publicKeyBytesMax(), "ephemeralPublicKey");
        writer.list(newKey.sealedKeys(), limits.sealedKeysMax(), "sealedKeys", (out, sealed) -> {
            out.int32(sealed.receiver());
            out.bytes(sealed.sealedKey(), out.limits().sealedKeyBytesMax(), "sealedKey");
        });
        writer.bytes(newKey.signature(), limits.signatureBytesMax(), "new-key signature");
    }

    static NewKey readNewKey(WireReader reader) {
        WireLimits limits = reader.limits();
        int replica = reader.principal("new-key sender");
        long counter = reader.nonNegativeLong("new-key counter");
        Bytes ephemeralPublicKey = reader.bytes("ephemeralPublicKey", limits.publicKeyBytesMax());
        List<SealedSessionKey> sealedKeys = reader.list("sealedKeys", limits.sealedKeysMax(),
                WireSizes.SEALED_SESSION_KEY_MIN, in -> {
                    int receiver = in.principal("sealed key receiver");
                    Bytes sealedKey = in.bytes("sealedKey", in.limits().sealedKeyBytesMax());
                    return in.failed() ? null : new SealedSessionKey(receiver, sealedKey);
                });
        Bytes signature = reader.bytes("new-key signature", limits.signatureBytesMax());
        return reader.failed() ? null : new NewKey(replica, counter, ephemeralPublicKey, sealedKeys, signature);
    }

    static void writeQueryStable(WireWriter writer, QueryStable query) {
        writer.replica(query.replica(), "query-stable replica");
        writer.int64(query.nonce());
    }

    static QueryStable readQueryStable(WireReader reader) {
        int replica = reader.replica("query-stable replica");
        long nonce = reader.int64("query-stable nonce");
        return reader.failed() ? null : new QueryStable(replica, nonce);
    }

    static void writeReplyStable(WireWriter writer, ReplyStable reply) {
        writer.int64(reply.lastCheckpoint());
        writer.int64(reply.lastPrepared());
        writer.replica(reply.replica(), "reply-stable replica");
        writer.int64(reply.nonce());
    }

    static ReplyStable readReplyStable(WireReader reader) {
        long lastCheckpoint = reader.nonNegativeLong("reply-stable lastCheckpoint");
        long lastPrepared = reader.nonNegativeLong("reply-stable lastPrepared");
        int replica = reader.replica("reply-stable replica");
        long nonce = reader.int64("reply-stable nonce");
        return reader.failed() ? null : new ReplyStable(lastCheckpoint, lastPrepared, replica, nonce);
    }
}
