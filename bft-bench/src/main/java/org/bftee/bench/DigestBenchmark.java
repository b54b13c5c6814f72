package org.bftee.bench;

import java.util.concurrent.TimeUnit;

import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.crypto.Digester;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SHA-256 (JDK) against BLAKE3 (Bouncy Castle) at the sizes the protocol hashes: empty (null
 * requests), 1 KiB and 4 KiB (typical requests and batches), 64 KiB (large requests, state
 * partitions). Each digester is reused, as its owner in the protocol reuses it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DigestBenchmark {

    @Param({"0", "1024", "4096", "65536"})
    public int size;

    private byte[] data;
    private Digester sha256;
    private Digester blake3;

    @Setup
    public void setUp() {
        data = new byte[size];
        new SeededRandom(3).nextBytes(data);
        sha256 = DigestAlgorithm.SHA_256.newDigester();
        blake3 = DigestAlgorithm.BLAKE3.newDigester();
    }

    @Benchmark
    public Digest sha256Jdk() {
        return sha256.digest(data, 0, data.length);
    }

    @Benchmark
    public Digest blake3() {
        return blake3.digest(data, 0, data.length);
    }
}
