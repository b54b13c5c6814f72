package org.bftee.core.client;

import org.bftee.core.codec.MessageCodec;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.Digester;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.Request;

/**
 * Builds REQUEST messages with the client's authenticator: one MAC per replica over the request
 * digest (the codec's request digest input, hashed with the group's digester), so that the request
 * stays authentic to each replica when the primary embeds it in a pre-prepare or a backup forwards it.
 * Every send builds a fresh authenticator, so a retransmission uses the keys installed since.
 */
final class RequestAuthentication {

    private final MessageCodec codec;
    private final Digester digester;
    private final Authenticators authenticators;
    private final int n;
    /** Stands in for the authenticator while the digest is computed; the digest input leaves it out. */
    private final Authenticator placeholder;

    /** @throws IllegalArgumentException if the codec cannot carry every request the configuration allows */
    RequestAuthentication(ClientConfig config, MessageCodec codec, Digester digester, Authenticators authenticators) {
        this.n = config.quorums().n();
        check(config, codec, authenticators);
        this.codec = codec;
        this.digester = digester;
        this.authenticators = authenticators;
        int tagLength = authenticators.keys().settings().tagLength();
        this.placeholder = Authenticator.wrap(new byte[tagLength], tagLength);
    }

    private void check(ClientConfig config, MessageCodec codec, Authenticators authenticators) {
        if (authenticators.keys().self() != config.client()) {
            throw new IllegalArgumentException("session keys of principal " + authenticators.keys().self()
                    + " given to client " + config.client());
        }
        if (codec.limits().operationBytesMax() < config.limits().requestBytesMax()) {
            throw new IllegalArgumentException("the codec's operationBytesMax (" + codec.limits().operationBytesMax()
                    + ") is below request-bytes-max (" + config.limits().requestBytesMax() + ")");
        }
        if (codec.limits().lanesMax() < config.lanes()) {
            throw new IllegalArgumentException("the codec's lanesMax (" + codec.limits().lanesMax()
                    + ") is below the client's " + config.lanes() + " lanes");
        }
        if (codec.limits().replicasMax() < n) {
            throw new IllegalArgumentException("the codec's replicasMax (" + codec.limits().replicasMax()
                    + ") is below the group's " + n + " replicas");
        }
    }

    Request authenticate(int client, int lane, long timestamp, int flags, Bytes operation) {
        Request content = new Request(client, lane, timestamp, flags, operation, placeholder);
        Digest digest = codec.requestDigest(content, digester);
        return new Request(client, lane, timestamp, flags, operation, authenticators.multicast(digest, n));
    }
}
