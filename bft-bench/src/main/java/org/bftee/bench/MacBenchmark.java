package org.bftee.bench;

import java.util.concurrent.TimeUnit;

import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.KeyedMac;
import org.bftee.core.crypto.MacAlgorithm;
import org.bftee.core.crypto.MacSettings;
import org.bftee.core.crypto.SessionKey;
import org.bftee.core.crypto.SessionKeys;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one MAC costs in our protocol, where every MAC is over a 32-byte message digest, and what a
 * whole multicast authenticator costs (n - 1 MACs, the sender's own slot being empty, plus its
 * array). Engines are keyed once in setup and reused, as {@link SessionKeys} does.
 *
 * <pre>
 * java -jar bft-bench/target/benchmarks.jar 'org.bftee.bench.(Mac|Digest)Benchmark' -f 3 -wi 2 -w 1s -i 4 -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MacBenchmark {

    private final byte[] input = new byte[Digest.LENGTH];
    private final byte[] tag = new byte[Authenticator.TAG_LENGTH_MAX];

    private KeyedMac hmacSha256;
    private KeyedMac sipHash24;
    private KeyedMac blake2b;
    private KeyedMac blake3;
    /**
     * Poly1305 is a one-time authenticator: two tags under one key let an attacker solve for the
     * key's polynomial and forge. It is measured only to show what a (unsafe) multi-message use would
     * cost; {@link MacAlgorithm} does not offer it for session keys. Safe use would need a fresh
     * one-time key per message (e.g. from ChaCha20, as in ChaCha20-Poly1305), which costs more.
     */
    private Poly1305 poly1305;

    @Setup
    public void setUp() {
        SeededRandom random = new SeededRandom(1);
        random.nextBytes(input);
        SessionKey key = SessionKey.generate(random);
        hmacSha256 = MacAlgorithm.HMAC_SHA256.keyedMac(key, MacAlgorithm.HMAC_SHA256.tagLengthDefault());
        sipHash24 = MacAlgorithm.SIPHASH_2_4.keyedMac(key, 8);
        blake2b = MacAlgorithm.BLAKE2B.keyedMac(key, MacAlgorithm.BLAKE2B.tagLengthDefault());
        blake3 = MacAlgorithm.BLAKE3.keyedMac(key, MacAlgorithm.BLAKE3.tagLengthDefault());
        byte[] polyKey = new byte[32];
        random.nextBytes(polyKey);
        poly1305 = new Poly1305();
        poly1305.init(new KeyParameter(polyKey));
    }

    @Benchmark
    public byte[] hmacSha256Jdk() {
        hmacSha256.computeInto(input, 0, Digest.LENGTH, tag, 0);
        return tag;
    }

    @Benchmark
    public byte[] sipHash24() {
        sipHash24.computeInto(input, 0, Digest.LENGTH, tag, 0);
        return tag;
    }

    @Benchmark
    public byte[] blake2bKeyed() {
        blake2b.computeInto(input, 0, Digest.LENGTH, tag, 0);
        return tag;
    }

    @Benchmark
    public byte[] blake3Keyed() {
        blake3.computeInto(input, 0, Digest.LENGTH, tag, 0);
        return tag;
    }

    /** Benchmark only: see {@link #poly1305} for why it is not offered. */
    @Benchmark
    public byte[] poly1305OneTimeKeyReused() {
        poly1305.update(input, 0, Digest.LENGTH);
        poly1305.doFinal(tag, 0);
        return tag;
    }

    /** A whole authenticator for a multicast from replica 0 to replicas 0..n-1. */
    @State(Scope.Thread)
    public static class AuthenticatorState {

        @Param({"HMAC_SHA256", "SIPHASH_2_4", "BLAKE2B", "BLAKE3"})
        public MacAlgorithm algorithm;

        @Param({"4", "7"})
        public int n;

        Authenticators authenticators;
        Digest digest;

        @Setup
        public void setUp() {
            SeededRandom random = new SeededRandom(2);
            SessionKeys keys = new SessionKeys(0, MacSettings.of(algorithm), n);
            for (int j = 1; j < n; j++) {
                keys.installOutKey(j, SessionKey.generate(random), 1);
            }
            authenticators = new Authenticators(keys);
            byte[] bytes = new byte[Digest.LENGTH];
            random.nextBytes(bytes);
            digest = Digest.of(bytes);
        }
    }

    @Benchmark
    public Authenticator authenticator(AuthenticatorState state) {
        return state.authenticators.multicast(state.digest, state.n);
    }
}
