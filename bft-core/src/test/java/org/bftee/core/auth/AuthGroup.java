package org.bftee.core.auth;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.KeyInstall;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.SessionKey;
import org.bftee.core.crypto.SessionKeys;
import org.bftee.core.protocol.Quorums;

/**
 * A group of four replicas and two clients, each with its own sealer and opener. Every replica
 * pair and client {@link #CLIENT} with every replica share session keys, installed directly the
 * way NEW-KEY would install them; {@link #KEYLESS_CLIENT} shares none.
 */
final class AuthGroup {

    static final int GROUP_ID = 0x0B0B;
    static final int N = 4;
    static final int CLIENT = 1000;
    static final int KEYLESS_CLIENT = 1001;
    static final MacSettings MAC = MacSettings.DEFAULT;
    static final int TAG_LENGTH = MAC.tagLength();

    final Principals principals = new Principals(new Quorums(1), Set.of(CLIENT, KEYLESS_CLIENT));
    final MessageCodec codec = new MessageCodec(GROUP_ID, WireLimits.defaults());
    private final SplittableRandom random = new SplittableRandom(20240611L);
    private final Map<Integer, SessionKeys> keys = new HashMap<>();
    private final Map<Integer, FrameSealer> sealers = new HashMap<>();
    private final Map<Integer, FrameOpener> openers = new HashMap<>();

    AuthGroup() {
        for (int i = 0; i < N; i++) {
            add(i);
        }
        add(CLIENT);
        add(KEYLESS_CLIENT);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                if (i != j) {
                    installKey(i, j, 1);
                }
            }
            installKey(CLIENT, i, 1);
            installKey(i, CLIENT, 1);
        }
    }

    private void add(int principal) {
        SessionKeys sessionKeys = new SessionKeys(principal, MAC, 16);
        Authenticators authenticators = new Authenticators(sessionKeys);
        keys.put(principal, sessionKeys);
        sealers.put(principal, new FrameSealer(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals));
        openers.put(principal, new FrameOpener(codec, authenticators, DigestAlgorithm.DEFAULT.newDigester(), principals));
    }

    /** Receiver {@code to} chooses a fresh key for {@code from}'s messages to it, as its NEW-KEY with {@code counter} would. */
    void installKey(int from, int to, long counter) {
        byte[] raw = new byte[SessionKey.LENGTH];
        random.nextBytes(raw);
        SessionKey key = SessionKey.fromRaw(raw);
        check(keys.get(to).installInKey(from, key, counter));
        check(keys.get(from).installOutKey(to, key, counter));
    }

    /** Only the receiver refreshes: the sender still MACs with the key the receiver has retired. */
    void refreshInKeyOnly(int from, int to, long counter) {
        byte[] raw = new byte[SessionKey.LENGTH];
        random.nextBytes(raw);
        check(keys.get(to).installInKey(from, SessionKey.fromRaw(raw), counter));
    }

    private static void check(KeyInstall install) {
        if (!install.isInstalled()) {
            throw new IllegalStateException("key not installed: " + install);
        }
    }

    SessionKeys keys(int principal) {
        return keys.get(principal);
    }

    FrameSealer sealer(int principal) {
        return sealers.get(principal);
    }

    FrameOpener opener(int principal) {
        return openers.get(principal);
    }

    /** An authenticator of {@code count} zero tags of the group's length: shaped right, authentic for nobody. */
    static Authenticator zeroTags(int count) {
        return Authenticator.wrap(new byte[count * TAG_LENGTH], TAG_LENGTH);
    }

    static byte[] bytes(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return bytes;
    }
}
